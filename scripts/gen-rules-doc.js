// Writes docs/rules.md from the compiled rule files (run `npm run build` first).
const fs = require('fs');
const path = require('path');
const { renderCatalogue } = require('../out/server/src/rules/catalogue');

const target = path.join(__dirname, '..', 'docs', 'rules.md');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, renderCatalogue());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
