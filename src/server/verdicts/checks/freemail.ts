// Free mailbox providers: honest for people, odd as the reply address of a company's mail.
export const FREEMAIL_DOMAINS = new Set([
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.com.br",
  "aol.com", "icloud.com", "me.com", "mail.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "yandex.ru", "yandex.com", "mail.ru", "proton.me",
  "protonmail.com", "zoho.com", "qq.com", "163.com", "126.com", "bol.com.br", "uol.com.br", "ig.com.br", "terra.com.br", "libero.it", "orange.fr", "free.fr",
  "laposte.net", "t-online.de", "tutanota.com", "hushmail.com", "inbox.com", "rediffmail.com", "seznam.cz", "wp.pl", "o2.pl", "interia.pl",
]);
