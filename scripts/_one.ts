import { readFileSync } from "node:fs";
import { parseEml } from "@/server/submissions/parse-eml";
import { foldText } from "@/server/verdicts/text";
const p = await parseEml(readFileSync(process.argv[2]));
console.log(p.textBody.length, JSON.stringify(foldText(p.textBody).slice(0, 700)));
console.log(p.urls.slice(0, 5));
