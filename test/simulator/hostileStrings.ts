/**
 * Strings an attacker can plant in an event: a typed PSM command, a host or user name, a
 * syslog field. Each one probes a different way of rendering text as something else:
 * markup, a webview's CSP, VS Code's markdown and codicon syntax, template engines, a
 * terminal, JSON, bidirectional text.
 */
export const HOSTILE_STRINGS: string[] = [
  // HTML and script injection
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  '<script>alert(document.domain)</script>',
  '<svg/onload=alert(1)>',
  '<b>bold</b><i>italic</i>',
  '<style>body{display:none}</style>',
  '<!-- unterminated comment',
  '&lt;b&gt;already escaped&lt;/b&gt; &amp;amp;',
  // attribute breakouts
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)' autofocus='",
  '"><img src=x onerror=alert(1)>',
  // CSP bypass attempts
  '<meta http-equiv="Content-Security-Policy" content="default-src *">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<base href="https://evil.example/">',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  // URLs and VS Code markdown / command links
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">details</a>',
  '[click](command:workbench.action.terminal.new)',
  '[open settings](command:workbench.action.openSettings?%22cyberarkPta%22 "Trusted")',
  '![pixel](https://evil.example/track.png)',
  '$(alert) $(zap) $(sync~spin) $(codicon)',
  // template syntax
  '${process.exit()}',
  '{{constructor.constructor(\'alert(1)\')()}}',
  '{{7*7}} <%= 7*7 %> #{7*7}',
  // control characters
  'null\u0000byte',
  '\u001b[31mred terminal text\u001b[0m\u0007',
  'first line\r\nsecond line\rthird',
  'tab\tseparated\u000bvertical\u000cform',
  // bidirectional and invisible text
  'invoice\u202efdp.exe',
  'adm\u200bin\u200c\u200d\ufeff',
  'line\u2028separator\u2029paragraph',
  // JSON breakers
  '"}]},{"id":"injected","mStatus":"CLOSED"',
  'back\\slash \\" \\\\u0022 "quoted" \\n',
  // Unicode beyond the basic plane, and a lone surrogate
  '😈🔥 admin 👨‍👩‍👧‍👦 🏳️‍🌈',
  'lone surrogate \ud800 here',
  // other classics
  "'; DROP TABLE events; --",
  '../../../../etc/passwd',
  '%s%n%x%d',
  '__proto__',
  '',
  '   ',
  'A'.repeat(10_000),
];
