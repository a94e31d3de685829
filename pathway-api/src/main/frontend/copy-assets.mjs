// Copies the pages' front-end files from node_modules (installed by `npm ci` from the lock file) to the folder
// given, which the Maven build puts in the jar under /ui/assets/vendor. Only what the pages load is copied.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node copy-assets.mjs OUTPUT_FOLDER');
  process.exit(2);
}
const nhsuk = 'node_modules/nhsuk-frontend/dist/nhsuk';
const files = [
  [join(nhsuk, 'nhsuk-frontend.min.css'), 'nhsuk-frontend.min.css'],
  [join(nhsuk, 'nhsuk-frontend.min.js'), 'nhsuk-frontend.min.js'],
  [join(nhsuk, 'assets'), 'assets'],
  ['node_modules/echarts/dist/echarts.min.js', 'echarts.min.js'],
];
mkdirSync(out, { recursive: true });
for (const [from, to] of files) {
  cpSync(from, join(out, to), { recursive: true });
}
// The stylesheet points at /assets/ (the site root) and loads the Frutiger web font from assets.nhs.uk. The pages are
// served under /ui/assets/vendor and load nothing from elsewhere (the content security policy forbids it), so the
// image paths are made relative and the remote font faces are dropped: the system font stack is used instead.
const css = join(out, 'nhsuk-frontend.min.css');
writeFileSync(
  css,
  readFileSync(css, 'utf8')
    .replaceAll('url(/assets/', 'url(assets/')
    .replace(/@font-face\{[^}]*assets\.nhs\.uk[^}]*\}/g, ''),
);
const version = (name) => JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version;
console.log(`pages' assets: nhsuk-frontend ${version('nhsuk-frontend')}, echarts ${version('echarts')} -> ${out}`);
