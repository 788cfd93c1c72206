/**
 * Requests as mail-privacy proxies and link scanners make them: the user
 * agents and addresses they were seen with. The classifier's tests and
 * the tracking endpoint's tests replay them.
 */
export const recordedRequests = {
  appleMailPrivacyProtection: {
    method: 'GET',
    userAgent: 'Mozilla/5.0',
    ip: '17.58.101.44',
  },
  appleMailPrefetch: {
    method: 'GET',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)',
    ip: '104.28.40.17',
  },
  gmailImageProxy: {
    method: 'GET',
    userAgent:
      'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
    ip: '66.249.84.5',
  },
  safeLinksScanner: {
    method: 'GET',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    ip: '40.94.31.12',
  },
  headCheck: {
    method: 'HEAD',
    userAgent: 'Mozilla/5.0 (compatible; Proofpoint URL Defense)',
    ip: '148.163.150.20',
  },
  person: {
    method: 'GET',
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    ip: '203.0.113.80',
  },
} as const;
