// Builds the static assets Django serves: GOV.UK Frontend compiled with the
// council's asset path, its fonts/images and JS, and htmx.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "static");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

mkdirSync(join(out, "govuk"), { recursive: true });
const css = sass.compile(join(root, "servicefirst", "core", "assets", "app.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "app.css"), css.css);
cpSync(join(govuk, "assets"), join(out, "govuk", "assets"), { recursive: true });
cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk", "govuk-frontend.min.js"));
cpSync(join(root, "servicefirst", "core", "assets", "init.mjs"), join(out, "govuk", "init.mjs"));
cpSync(join(root, "node_modules", "htmx.org", "dist", "htmx.min.js"), join(out, "htmx.min.js"));
// Page scripts as files of their own: the CSP allows no inline script or style.
for (const file of ["call-timer.js", "kiosk-idle.js"]) {
  cpSync(join(root, "servicefirst", "core", "assets", file), join(out, file));
}
console.log(`assets built in ${out}`);
