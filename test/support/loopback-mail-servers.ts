/**
 * The test mail servers (Dovecot, listeners) run on loopback on ephemeral
 * ports, which the product refuses unless allowed: test configurations
 * allow them with these settings.
 */
export const loopbackMailServers = {
  THREADLINE_MAIL_HOSTS_ALLOW: '127.0.0.1',
  THREADLINE_MAIL_PORTS: '1024-65535',
};
