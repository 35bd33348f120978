// What the attachments are: types that run code or render a sign-in page, hidden in archives or behind a second
// extension, macro-enabled documents, and files known to carry malware.
import type { TCheck } from "../check";
import type { TEmailAttachment } from "../email-input";
import type { TSignal, TSignalThreatType } from "../signal";
import { foldText } from "../text";

type TRule = { id: string; extensions: string[]; weight: number; threatType: TSignalThreatType; what: string };

const RULES: TRule[] = [
  {
    id: "attachments.html",
    extensions: ["html", "htm", "shtml", "xhtml", "mht", "mhtml"],
    weight: 5.5,
    threatType: "Phish",
    what: "a web page, the usual carrier of a fake sign-in form",
  },
  {
    id: "attachments.svg",
    extensions: ["svg"],
    weight: 4,
    threatType: "Phish",
    what: "an SVG image, which can run script and redirect",
  },
  {
    id: "attachments.disk_image",
    extensions: ["iso", "img", "vhd", "vhdx"],
    weight: 6,
    threatType: "Malware",
    what: "a disk image, used to slip programs past protections",
  },
  {
    id: "attachments.shortcut",
    extensions: ["lnk", "url", "scf", "library-ms", "search-ms"],
    weight: 6,
    threatType: "Malware",
    what: "a shortcut that runs a command",
  },
  {
    id: "attachments.script",
    extensions: [
      "js",
      "jse",
      "vbs",
      "vbe",
      "wsf",
      "wsh",
      "hta",
      "ps1",
      "psm1",
      "bat",
      "cmd",
      "sh",
      "py",
      "jar",
      "reg",
      "chm",
      "xll",
      "appref-ms",
    ],
    weight: 6,
    threatType: "Malware",
    what: "a script or program",
  },
  {
    id: "attachments.executable",
    extensions: [
      "exe",
      "scr",
      "com",
      "pif",
      "msi",
      "msix",
      "appx",
      "dll",
      "cpl",
      "apk",
      "dmg",
      "pkg",
      "app",
      "run",
      "bin",
    ],
    weight: 6,
    threatType: "Malware",
    what: "an executable",
  },
  {
    id: "attachments.profile",
    extensions: ["mobileconfig"],
    weight: 4,
    threatType: "Malware",
    what: "a device configuration profile",
  },
  {
    id: "attachments.rpmsg",
    extensions: ["rpmsg"],
    weight: 3,
    threatType: "Phish",
    what: "a protected message, a common wrapper for credential lures",
  },
  {
    id: "attachments.macro_document",
    extensions: ["docm", "xlsm", "pptm", "dotm", "xltm", "xlam", "ppam", "potm", "xlsb"],
    weight: 4,
    threatType: "Malware",
    what: "a macro-enabled Office document",
  },
];

const ARCHIVES = new Set(["zip", "rar", "7z", "gz", "tgz", "tar", "cab", "ace", "arj", "lzh", "xz", "bz2", "z"]);
const DOCUMENT_DECOYS = new Set([
  "pdf",
  "doc",
  "docx",
  "xls",
  "xlsx",
  "txt",
  "jpg",
  "jpeg",
  "png",
  "rtf",
  "csv",
  "ppt",
  "pptx",
]);

// Names that promise a document or an archive; mail software derives the declared type from the name, so a picture's type
// on one of them was written by hand, to show a preview of a "document" or to pass a filter that trusts images.
const DOCUMENT_TYPES = new Set([
  "pdf",
  "doc",
  "docx",
  "xls",
  "xlsx",
  "ppt",
  "pptx",
  "rtf",
  "odt",
  "ods",
  "zip",
  "rar",
  "7z",
  "html",
  "htm",
]);

const extensionOf = (name: string) => /\.([a-z0-9-]{1,12})$/i.exec(name.trim())?.[1].toLowerCase() ?? "";
const ruleFor = (name: string) => RULES.find((rule) => rule.extensions.includes(extensionOf(name)));

export const attachmentsCheck: TCheck = {
  name: "attachments",
  run(email, context) {
    const signals: TSignal[] = [];
    const seen = new Set<string>();
    const add = (candidate: TSignal) => {
      if (seen.has(candidate.id)) return;
      seen.add(candidate.id);
      signals.push(candidate);
    };
    for (const file of email.attachments) {
      for (const found of judgeAttachment(file)) add(found);
      if (context.malwareHashes.has(file.sha256.toLowerCase())) {
        add({
          id: "attachments.known_malware",
          category: "attachments",
          weight: 8,
          threatType: "Malware",
          evidence: `File ${file.sha256.toLowerCase()} was detected as malware in a stored message`,
          entity: { kind: "file", value: file.sha256 },
        });
      }
    }
    // "The PDF's password is 123": an encrypted attachment no scanner can open, with the key in the body.
    const passwordFor = email.attachments.length
      ? PASSWORD_IN_BODY.exec(foldText(email.textBody.slice(0, 6000)))
      : null;
    if (passwordFor)
      add({
        id: "attachments.password_in_body",
        category: "attachments",
        weight: 2.5,
        threatType: "Malware",
        evidence: `The body gives the password of an attachment ("${passwordFor[0]}"), so that no scanner can open it`,
      });
    return signals;
  },
};

const PASSWORD_IN_BODY =
  /\b(password|senha|contrasena|mot de passe|passwort|kennwort|wachtwoord|parola d'?ordine)\b.{0,30}\b(pdf|zip|rar|7z|file|arquivo|anexo|archivo|adjunto|fichier|piece jointe|datei|anhang|allegato|bijlage|document|documento)\b|\b(pdf|zip|rar|7z|file|arquivo|anexo|archivo|fichier|datei|documento)\b.{0,30}\b(password|senha|contrasena|mot de passe|passwort|kennwort|wachtwoord)\b/;

function judgeAttachment(file: TEmailAttachment): TSignal[] {
  const name = file.fileName || "(unnamed)";
  const entity = { kind: "file" as const, value: file.sha256 };
  const found: TSignal[] = [];
  const rule = ruleFor(name);
  if (rule)
    found.push({
      id: rule.id,
      category: "attachments",
      weight: rule.weight,
      threatType: rule.threatType,
      evidence: `${name} is ${rule.what}`,
      entity,
    });
  const parts = name.toLowerCase().split(".");
  if (parts.length >= 3 && DOCUMENT_DECOYS.has(parts.at(-2) ?? "") && (rule || ARCHIVES.has(parts.at(-1) ?? ""))) {
    found.push({
      id: "attachments.double_extension",
      category: "attachments",
      weight: 3,
      threatType: "Malware",
      evidence: `${name} hides its real type behind a second extension`,
      entity,
    });
  }
  const declared = file.contentType.toLowerCase().split(";")[0].trim();
  if (DOCUMENT_TYPES.has(extensionOf(name)) && /^(image|audio|video)\//.test(declared)) {
    found.push({
      id: "attachments.type_mismatch",
      category: "attachments",
      weight: 1.5,
      threatType: "Phish",
      evidence: `${name} is declared as ${declared}: a document's name on a picture (or a picture's type on a document), which honest mail software does not write`,
      entity,
    });
  }
  if (file.hasMacros)
    found.push({
      id: "attachments.macros",
      category: "attachments",
      weight: 4,
      threatType: "Malware",
      evidence: `${name} carries VBA macros`,
      entity,
    });
  if (file.archive) {
    if (file.archive.isEncrypted)
      found.push({
        id: "attachments.encrypted_archive",
        category: "attachments",
        weight: 3,
        threatType: "Malware",
        evidence: `${name} is an encrypted archive, which no scanner can open`,
        entity,
      });
    const inner = file.archive.entries
      .map((entry) => ({ entry, rule: ruleFor(entry) }))
      .find(({ rule }) => rule && rule.threatType === "Malware");
    if (inner)
      found.push({
        id: "attachments.executable_in_archive",
        category: "attachments",
        weight: 6,
        threatType: "Malware",
        evidence: `${name} holds ${inner.entry}, ${inner.rule!.what}`,
        entity,
      });
    const nested = file.archive.entries.find((entry) => ARCHIVES.has(extensionOf(entry)));
    if (nested)
      found.push({
        id: "attachments.archive_in_archive",
        category: "attachments",
        weight: 2,
        threatType: "Malware",
        evidence: `${name} holds another archive, ${nested}`,
        entity,
      });
  }
  return found;
}
