import type { Cast, Person } from './cast.js';
import { quoted, subjectHeader, text, type Composer, type NoiseSample } from './compose.js';

const questions = [
  'Has anyone seen the connection pool leak after upgrading to 4.2? We see it on two of our nodes.',
  'I can reproduce this on the current main branch. A bisect points at the retry change from last week.',
  'Does the reseller discount also apply to renewals, or only to new licences?',
  'Kann jemand bestätigen, dass der Export mit Umlauten im Dateinamen fehlschlägt?',
  'Est-ce que quelqu’un a déjà migré la configuration vers la version 3 ? Nous avons un souci avec les certificats.',
  '¿Alguien sabe si la API devuelve 429 cuando se supera la cuota diaria?',
  'Thanks for the quick fix. Tested on arm64 and it works for us.',
  'Proposal: let us move the community call to Thursdays at 16:00 UTC. Objections?',
];

const patchBody = (author: Person) => `The retry loop did not reset its backoff after a successful
attempt, so a later failure waited the maximum delay at once.

Reset the delay when a request succeeds.

Signed-off-by: ${author.name} <${author.address}>
---
 net/core/retry.c | 3 ++-
 1 file changed, 2 insertions(+), 1 deletion(-)

diff --git a/net/core/retry.c b/net/core/retry.c
index 3f2a9c1..4b7d2e0 100644
--- a/net/core/retry.c
+++ b/net/core/retry.c
@@ -41,7 +41,8 @@ static int retry_send(struct retry *r)
-	r->delay *= 2;
+	if (ok)
+		r->delay = RETRY_MIN;`;

/** Posts people write to discussion lists and groups, from the list software that carries them. */
export function listSamples(c: Composer, cast: Cast): NoiseSample[] {
  const samples: NoiseSample[] = [];
  const body = (author: Person, reply: boolean) => {
    const words = c.random.pick(questions);
    const history = reply
      ? `\n\nOn ${c.date()}, ${cast.person(cast.customerDomain()).name} wrote:\n${quoted(c.random.pick(questions))}\n`
      : '';
    return `${c.random.pick(['Hi all,', 'Hello,', 'Hi everyone,', 'Hallo zusammen,', 'Bonjour à tous,', ''])}\n\n${words}${history}\n\n${author.name.split(' ')[0]!}`;
  };
  const common = (author: Person, subject: string, reply: boolean, domain: string) => [
    `From: ${author.name} <${author.address}>`,
    subjectHeader(reply ? `Re: ${subject}` : subject),
    `Date: ${c.date()}`,
    `Message-ID: ${c.messageId(domain)}`,
    ...(reply ? [`In-Reply-To: ${c.messageId(domain)}`, `References: ${c.messageId(domain)}`] : []),
  ];

  const styles: ((reply: boolean) => NoiseSample)[] = [
    (reply) => {
      const author = cast.person(
        c.random.pick(['kernel.org', 'redhat.example', cast.customerDomain()]),
      );
      const list = c.random.pick(['linux-kernel', 'netdev', 'linux-arm-kernel', 'linux-nfs']);
      const patch = c.random.chance(0.6);
      return {
        kind: 'list/kernel',
        category: 'list',
        raw: c.message(
          [
            ...common(
              author,
              patch
                ? `[PATCH v${1 + c.random.int(4)} ${1 + c.random.int(3)}/4] net: reset retry backoff after success`
                : 'Regression in 6.14-rc2 with NFS mounts',
              reply,
              'kernel.org',
            ),
            `To: ${cast.person('kernel.org').address}`,
            `Cc: ${list}@vger.kernel.org, ${cast.person('kernel.org').address}`,
            `X-Mailing-List: ${list}@vger.kernel.org`,
            `List-Id: <${list}.vger.kernel.org>`,
            `List-Subscribe: <mailto:${list}+subscribe@vger.kernel.org>`,
            `List-Unsubscribe: <mailto:${list}+unsubscribe@vger.kernel.org>`,
            'Precedence: bulk',
            ...(patch ? ['X-Mailer: git-send-email 2.47.1'] : []),
          ],
          text(patch ? patchBody(author) : body(author, reply)),
        ),
      };
    },
    (reply) => {
      const author = cast.person(cast.customerDomain());
      const name = c.random.pick(['python-dev', 'users', 'devel', 'announce-discuss']);
      const host = c.random.pick([
        'python.org',
        'lists.project.example',
        'lists.fedoraproject.example',
      ]);
      return {
        kind: 'list/mailman2',
        category: 'list',
        raw: c.message(
          [
            ...common(
              author,
              `[${name}] ${c.random.pick(['Release schedule for 3.14', 'Build failure on Windows', 'Proposal: drop Python 3.9'])}`,
              reply,
              host,
            ),
            `To: ${name}@${host}`,
            `X-BeenThere: ${name}@${host}`,
            'X-Mailman-Version: 2.1.39',
            'Precedence: list',
            `List-Id: ${name} discussion <${name}.${host}>`,
            `List-Unsubscribe: <https://mail.${host}/mailman/options/${name}>, <mailto:${name}-request@${host}?subject=unsubscribe>`,
            `List-Archive: <https://mail.${host}/pipermail/${name}/>`,
            `List-Post: <mailto:${name}@${host}>`,
            `List-Help: <mailto:${name}-request@${host}?subject=help>`,
            `Errors-To: ${name}-bounces+me=example.org@${host}`,
            `Sender: "${name}" <${name}-bounces+me=example.org@${host}>`,
          ],
          text(
            `${body(author, reply)}\n_______________________________________________\n${name} mailing list\n${name}@${host}\nhttps://mail.${host}/mailman/listinfo/${name}\nUnsubscribe: https://mail.${host}/mailman/options/${name}`,
          ),
        ),
      };
    },
    (reply) => {
      const author = cast.person(cast.customerDomain());
      const name = c.random.pick(['users', 'dev', 'community']);
      const host = `lists.${c.random.pick(['openproject', 'postgres-tools', 'opendata'])}.example`;
      return {
        kind: 'list/mailman3',
        category: 'list',
        raw: c.message(
          [
            ...common(
              author,
              c.random.pick([
                'Upgrade notes for 2.0',
                'Question about SSO setup',
                'Meetup in Berlin',
              ]),
              reply,
              host,
            ),
            `To: ${name}@${host}`,
            `List-Id: <${name}.${host}>`,
            `List-Post: <mailto:${name}@${host}>`,
            `List-Unsubscribe: <mailto:${name}-leave@${host}>`,
            `List-Subscribe: <mailto:${name}-join@${host}>`,
            `Archived-At: <https://${host}/archives/list/${name}@${host}/message/${c.hex(26).toUpperCase()}/>`,
            'X-Mailman-Version: 3.3.9',
            'X-Mailman-Rule-Misses: dmarc-mitigation; no-senders; approved; emergency',
            'Precedence: list',
          ],
          text(
            `${body(author, reply)}\n_______________________________________________\n${name} mailing list -- ${name}@${host}\nTo unsubscribe send an email to ${name}-leave@${host}`,
          ),
        ),
      };
    },
    (reply) => {
      const author = cast.person(cast.customerDomain());
      const list = c.random.pick(['debian-user', 'debian-devel', 'debian-user-german']);
      return {
        kind: 'list/debian',
        category: 'list',
        raw: c.message(
          [
            ...common(
              author,
              c.random.pick([
                'bookworm: network manager loses DNS',
                'Paketabhängigkeiten nach Upgrade',
                'Re: systemd timer not firing',
              ]),
              reply,
              'lists.debian.org',
            ),
            `To: ${list}@lists.debian.org`,
            `X-Mailing-List: <${list}@lists.debian.org> archive/latest/${c.random.int(99_999)}`,
            `X-Loop: ${list}@lists.debian.org`,
            `List-Id: <${list}.lists.debian.org>`,
            `List-Post: <mailto:${list}@lists.debian.org>`,
            `List-Unsubscribe: <mailto:${list}-request@lists.debian.org?subject=unsubscribe>`,
            'Precedence: list',
            `Resent-From: ${list}@lists.debian.org`,
            `Resent-Sender: ${list}-request@lists.debian.org`,
          ],
          text(body(author, reply)),
        ),
      };
    },
    (reply) => {
      const author = cast.person(cast.customerDomain());
      const project = c.random.pick(['kafka', 'spark', 'tomcat', 'camel']);
      return {
        kind: 'list/ezmlm',
        category: 'list',
        raw: c.message(
          [
            ...common(
              author,
              `[DISCUSS] KIP-${c.random.int(999)}: ${c.random.pick(['Tiered storage metrics', 'Client quotas', 'New consumer protocol'])}`,
              reply,
              'apache.org',
            ),
            `To: dev@${project}.apache.org`,
            `Mailing-List: contact dev-help@${project}.apache.org; run by ezmlm`,
            'Precedence: bulk',
            `List-Help: <mailto:dev-help@${project}.apache.org>`,
            `List-Unsubscribe: <mailto:dev-unsubscribe@${project}.apache.org>`,
            `List-Post: <mailto:dev@${project}.apache.org>`,
            `List-Id: <dev.${project}.apache.org>`,
            `Reply-To: dev@${project}.apache.org`,
            `Delivered-To: mailing list dev@${project}.apache.org`,
          ],
          text(body(author, reply)),
        ),
      };
    },
    (reply) => {
      const domain = cast.customerDomain();
      const group = c.random.pick(['partners', 'customer-advisory', 'beta-testers', 'resellers']);
      const groupAddress = c.random.chance(0.5)
        ? `${group}@googlegroups.com`
        : `${group}@${domain}`;
      const author = cast.person(c.random.chance(0.5) ? domain : 'gmail.com');
      const rewritten = c.random.chance(0.5);
      const groupName = group.replace(/-/g, ' ');
      return {
        kind: 'list/google-groups',
        category: 'list',
        raw: c.message(
          [
            rewritten
              ? `From: "'${author.name}' via ${groupName}" <${groupAddress}>`
              : `From: ${author.name} <${author.address}>`,
            subjectHeader(
              `${reply ? 'Re: ' : ''}[${group}] ${c.random.pick(['Question about the reseller discount', 'Beta 3 feedback', 'Agenda for the advisory board'])}`,
            ),
            `Date: ${c.date()}`,
            `Message-ID: <CA+${c.hex(30)}@mail.gmail.com>`,
            ...(reply ? [`In-Reply-To: <CA+${c.hex(30)}@mail.gmail.com>`] : []),
            `To: ${groupName} <${groupAddress}>`,
            ...(rewritten
              ? [
                  `Reply-To: ${author.name} <${author.address}>`,
                  `X-Original-From: ${author.name} <${author.address}>`,
                ]
              : [`Sender: ${groupAddress}`]),
            'Precedence: list',
            `Mailing-list: list ${groupAddress}; contact ${group}+owners@${groupAddress.split('@')[1]!}`,
            `List-ID: <${groupAddress.replace('@', '.')}>`,
            `X-Google-Group-Id: ${100_000_000 + c.random.int(899_999_999)}`,
            `List-Post: <https://groups.google.com/a/${groupAddress.split('@')[1]!}/group/${group}/post>, <mailto:${groupAddress}>`,
            `List-Unsubscribe: <mailto:googlegroups-manage+${c.random.int(99_999)}+unsubscribe@googlegroups.com>, <https://groups.google.com/a/${groupAddress.split('@')[1]!}/group/${group}/subscribe>`,
          ],
          text(
            `${body(author, reply)}\n\n-- \nYou received this message because you are subscribed to the Google Groups "${groupName}" group.\nTo unsubscribe from this group and stop receiving emails from it, send an email to ${group}+unsubscribe@${groupAddress.split('@')[1]!}.\nTo view this discussion visit https://groups.google.com/a/${groupAddress.split('@')[1]!}/d/msgid/${group}/${c.hex(20)}.`,
          ),
        ),
      };
    },
    (reply) => {
      const domain = cast.customerDomain();
      const group = c.random.pick(['ProjectFalcon', 'Procurement', 'ITAdmins', 'Vertrieb']);
      const author = cast.person(domain);
      const unsubscribe = c.random.chance(0.5);
      return {
        kind: 'list/microsoft365-group',
        category: 'list',
        raw: c.message(
          [
            ...common(
              author,
              c.random.pick([
                'Kick-off next Monday',
                'Budget freeze until Q3',
                'Neue Lieferantenliste',
              ]),
              reply,
              domain,
            ),
            `To: ${group} <${group.toLowerCase()}@${domain}>`,
            `Sender: ${group} <${group.toLowerCase()}@${domain}>`,
            'X-MS-Exchange-Organization-AuthAs: Internal',
            ...(unsubscribe
              ? [
                  `List-Unsubscribe: <https://outlook.office365.com/owa/${group.toLowerCase()}@${domain}/groupsubscription.ashx?source=EscalatedMessage&action=unsubscribe>`,
                ]
              : []),
          ],
          text(body(author, reply)),
        ),
      };
    },
    (reply) => {
      const author = cast.person(cast.customerDomain());
      const list = c.random.pick(['info', 'chercheurs', 'admins-reseau']);
      const host = c.random.pick(['listes.univ-exemple.fr', 'groupes.renater.example']);
      return {
        kind: 'list/sympa',
        category: 'list',
        raw: c.message(
          [
            ...common(
              author,
              c.random.pick([
                'Séminaire du 12 mai',
                'Panne du serveur de calcul',
                'Appel à contributions',
              ]),
              reply,
              host,
            ),
            `To: ${list}@${host}`,
            `X-Sympa-To: ${list}@${host}`,
            `X-Loop: ${list}@${host}`,
            `X-Sequence: ${c.random.int(9999)}`,
            'Precedence: list',
            `List-Id: <${list}.${host}>`,
            `List-Post: <mailto:${list}@${host}>`,
            `List-Unsubscribe: <mailto:sympa@${host}?subject=unsubscribe%20${list}>`,
            `Sender: ${list}-request@${host}`,
          ],
          text(body(author, reply)),
        ),
      };
    },
    (reply) => {
      const author = cast.person(c.random.pick([cast.customerDomain(), 'outlook.com', 'gmx.de']));
      const group = c.random.pick(['main', 'hams', 'rpi-users']);
      const host = `${c.random.pick(['openradio', 'makers', 'homelab'])}.groups.io`;
      return {
        kind: 'list/groups.io',
        category: 'list',
        raw: c.message(
          [
            ...common(
              author,
              `[${group}] ${c.random.pick(['Firmware 2.3 released?', 'Antenna tuning question', 'Power supply recommendations'])}`,
              reply,
              host,
            ),
            `To: ${group}@${host}`,
            `Sender: ${group}@${host}`,
            `List-Id: <${group}.${host}>`,
            `Mailing-List: list ${group}@${host}; contact ${group}+owner@${host}`,
            `List-Post: <mailto:${group}@${host}>`,
            `List-Unsubscribe: <mailto:${group}+unsubscribe@${host}>`,
            'Precedence: Bulk',
          ],
          text(
            `${body(author, reply)}\n\n-=-=-=-=-=-=-=-=-=-=-=-\nGroups.io Links: You receive all messages sent to this group.\nView/Reply Online (#${c.random.int(9999)}) | Reply To Group | Reply To Sender | Mute This Topic | New Topic\nYour Subscription | Contact Group Owner | Unsubscribe [${author.address}]\n-=-=-=-=-=-=-=-=-=-=-=-`,
          ),
        ),
      };
    },
  ];
  for (let k = 0; k < 117; k += 1) {
    samples.push(styles[k % styles.length]!(c.random.chance(0.45)));
  }
  return samples;
}
