// The committed ClearKey clip must still decrypt with its committed keys: the script plays it through the SDK's
// HTML5 player in Debian's Chromium and checks the decrypted picture on a screenshot.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../..');

describe('ClearKey fixture', () => {
  it('decrypts with keys.json and shows the expected picture', async () => {
    const output = await new Promise<string>((done, fail) => {
      execFile(process.execPath, [resolve(repoRoot, 'scripts/make-clearkey-fixture.mjs'), '--verify'], { cwd: repoRoot, timeout: 60_000 },
        (error, stdout, stderr) => (error ? fail(new Error(`${error.message}\n${stdout}${stderr}`)) : done(stdout)));
    });
    assert.match(output, /^verified \d+ bytes: decrypted with keys\.json/m);
  });
});
