import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseIni, section, entry } from '../../server/src/parse/ini';

test('continuation lines form one value, with a range per line, as configparser reads them', () => {
  const text =
    '[metadata]\nname = designate\n\n[entry_points]\nconsole_scripts =\n    designate-api = designate.cmd.api:main\n    # a comment inside\n\n    designate-central = designate.cmd.central:main\nwsgi_scripts =\n    designate-api-wsgi = designate.api.wsgi:init_application\n';
  const ini = parseIni(text);
  assert.deepEqual(ini.problems, []);
  const cs = entry(section(ini, 'entry_points'), 'console_scripts')!;
  assert.equal(cs.value, '\ndesignate-api = designate.cmd.api:main\n\ndesignate-central = designate.cmd.central:main');
  assert.deepEqual(
    cs.lines.map((l) => [l.text, l.span.start.line, l.span.start.character]),
    [
      ['designate-api = designate.cmd.api:main', 5, 4],
      ['designate-central = designate.cmd.central:main', 8, 4],
    ],
  );
  assert.equal(entry(section(ini, 'metadata'), 'NAME')?.value, 'designate', 'keys are case-insensitive, as optionxform lowercases them');
});

test('the first delimiter wins and ";" or "#" lines are comments', () => {
  const ini = parseIni('; top comment\n[app:main]\npaste.app_factory = a.b:factory\nurl: http://x:1/\n');
  const s = section(ini, 'app:main')!;
  assert.equal(entry(s, 'paste.app_factory')?.value, 'a.b:factory');
  assert.equal(entry(s, 'url')?.value, 'http://x:1/');
});

test('malformed lines are reported with their range instead of throwing', () => {
  const ini = parseIni('orphan = 1\n[a]\nkey = 1\nkey = 2\nnot a pair\n[a]\n');
  assert.deepEqual(
    ini.problems.map((p) => [p.span.start.line, p.message]),
    [
      [0, 'a key before any [section] header'],
      [3, 'key "key" appears twice in [a]'],
      [4, '"not a pair" is neither a section header, a key = value line nor an indented continuation'],
      [5, 'section [a] appears twice'],
    ],
  );
});

test('CRLF files and non-ASCII text keep UTF-16 columns', () => {
  const ini = parseIni('[metadata]\r\nsummary = Désignate ✓\r\nname = x\r\n');
  const s = section(ini, 'metadata')!;
  assert.equal(entry(s, 'summary')?.value, 'Désignate ✓');
  assert.equal(entry(s, 'name')?.keySpan.start.line, 2);
});
