// Writes docs/rules.md from the compiled rule files (run `npm run build` first).
const fs = require('fs');
const path = require('path');
const { renderCatalogue, replaceReadmeTable } = require('../out/server/src/rules/catalogue');

const target = path.join(__dirname, '..', 'docs', 'rules.md');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, renderCatalogue());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
const readme = path.join(__dirname, '..', 'README.md');
fs.writeFileSync(readme, replaceReadmeTable(fs.readFileSync(readme, 'utf8')));
console.log('updated the rule table in README.md');
