// Hosts that thousands of unrelated senders link to: URL shorteners, cloud documents and forms, file sharing, site
// builders, mail and CDN infrastructure. Two reports that both link to bit.ly or docs.google.com share nothing, so
// these never link reports into a campaign, and an analyst's assessment is never learnt for them. Admins edit the
// list on Settings › Detection (DetectionSettings.sharedHosts); this is what it starts as.
export const BUILT_IN_SHARED_HOSTS: readonly string[] = [
  // URL shorteners
  "bit.ly", "t.co", "tinyurl.com", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "rb.gy", "t.ly", "lnkd.in", "aka.ms", "s.id", "tiny.cc", "bl.ink", "qrco.de",
  // cloud documents, forms and file sharing
  "google.com", "googleusercontent.com", "googleapis.com", "microsoft.com", "office.com", "office365.com", "sharepoint.com", "live.com", "1drv.ms", "onedrive.com", "outlook.com",
  "dropbox.com", "dropboxusercontent.com", "box.com", "wetransfer.com", "we.tl", "mediafire.com", "sendspace.com", "docsend.com", "docusign.net", "docusign.com", "adobe.com", "canva.com", "notion.site", "icloud.com",
  "ipfs.io", "web.app", "firebaseapp.com", "pages.dev", "workers.dev", "r2.dev", "netlify.app", "vercel.app", "github.io", "gitlab.io", "herokuapp.com", "glitch.me", "weebly.com", "wixsite.com", "blogspot.com", "000webhostapp.com",
  // platforms, CDNs and mail infrastructure everyone links to
  "apple.com", "amazon.com", "amazonaws.com", "cloudfront.net", "gstatic.com", "windows.net", "azurewebsites.net", "facebook.com", "linkedin.com", "twitter.com", "x.com", "youtube.com", "instagram.com", "github.com",
  "mailchimp.com", "list-manage.com", "sendgrid.net", "mandrillapp.com", "w3.org", "schema.org",
];

/** A host on the list, or under one (docs.google.com under google.com). */
export function isSharedHost(host: string, sharedHosts: readonly string[]): boolean {
  return sharedHosts.some((shared) => host === shared || host.endsWith(`.${shared}`));
}
