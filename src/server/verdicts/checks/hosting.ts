// Hosts that hide where a link goes or let anyone publish a page in minutes: where phishing kits live.
export const SHORTENER_SITES = new Set([
  "bit.ly", "bitly.com", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "rb.gy", "t.ly",
  "tiny.cc", "bl.ink", "s.id", "v.gd", "qrco.de", "linktr.ee", "lnkd.in", "shorte.st", "adf.ly", "x.co", "soo.gd", "clck.ru", "u.to", "me2.do", "urlzs.com", "shorturl.asia", "tinyurl.mobi", "2u.pw", "bit.do", "cli.re", "urlz.fr", "l.ead.me", "t2m.io", "short.gy", "pixelfy.me",
]);

export const FREE_HOSTING_SITES = new Set([
  "firebaseapp.com", "web.app", "000webhostapp.com", "weebly.com", "weeblysite.com", "wixsite.com", "wix.com", "glitch.me", "netlify.app",
  "vercel.app", "pages.dev", "workers.dev", "herokuapp.com", "repl.co", "replit.app", "blogspot.com",
  "square.site", "godaddysites.com", "mystrikingly.com", "strikingly.com", "webflow.io", "azurewebsites.net", "web.core.windows.net",
  "blob.core.windows.net", "storage.googleapis.com", "appspot.com", "r2.dev", "ngrok.io", "ngrok-free.app", "trycloudflare.com", "surge.sh",
  "carrd.co", "jimdosite.com", "yolasite.com", "sites.google.com", "forms.gle", "typeform.com", "jotform.com", "formstack.com", "123formbuilder.com",
  "wufoo.com", "zohopublic.com", "ipfs.io", "dweb.link", "cloudflare-ipfs.com", "nftstorage.link", "w3s.link", "ipfs.w3s.link", "4everland.io",
  "duckdns.org", "ddns.net", "no-ip.com", "no-ip.org", "hopto.org", "zapto.org", "sytes.net", "serveftp.com", "myftp.org", "dynu.net",
  "freedns.afraid.org", "mooo.com", "chickenkiller.com", "codeanyway.com", "webcindario.com", "altervista.org",
  "s3.amazonaws.com", "amplifyapp.com", "onrender.com", "fly.dev", "deno.dev", "framer.app", "framer.website", "notion.site", "canva.site",
  "myportfolio.com",
]);

/**
 * The hosting site a host lives on, if any. Matched on the name's ending, not on its registrable parents: cloud
 * storage names ("x.z13.web.core.windows.net") sit under public suffixes that the parent walk stops short of.
 */
export function freeHostingSite(host: string): string | null {
  const labels = host.toLowerCase().split(".");
  for (let at = 0; at < labels.length - 1; at++) {
    const site = labels.slice(at).join(".");
    if (FREE_HOSTING_SITES.has(site)) return site;
  }
  return null;
}

// Paths on big sites that host anyone's form.
export const FREE_FORM_PATHS: [RegExp, string][] = [
  [/^docs\.google\.com$/, "/forms/"],
  [/^forms\.office\.com$/, "/"],
  [/^forms\.microsoft\.com$/, "/"],
  // Google Apps Script web apps: anyone's script answering on Google's host, a favourite home for credential forms.
  [/^script\.google\.com$/, "/macros/"],
];
