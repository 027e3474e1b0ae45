/**
 * The lint rule behind "a check fails on hard-coded strings in components" (issue 3 §6):
 * run on small components, it flags template text and text attributes, and lets
 * messages, code-like attributes, CSS and punctuation through.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Linter, type Rule } from 'eslint';

// Loaded by URL: the rule is plain JavaScript for eslint.config.js, outside the web package.
const rulePath = new URL('../../../../scripts/eslint/no-hardcoded-strings.js', import.meta.url).href;
const rule = ((await import(/* @vite-ignore */ rulePath)) as { default: Rule.RuleModule }).default;

// The parser eslint-plugin-svelte uses (a dependency of it, not of the web package).
const fromPlugin = createRequire(createRequire(import.meta.url).resolve('eslint-plugin-svelte'));
const parser = fromPlugin('svelte-eslint-parser') as Linter.Parser;

function lint(code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.svelte'],
        languageOptions: { parser },
        plugins: { icaro: { rules: { 'no-hardcoded-strings': rule } } },
        rules: { 'icaro/no-hardcoded-strings': 'error' },
      },
    ],
    'x.svelte',
  );
  return messages.map((m) => (m.ruleId ? m.message : `parse: ${m.message}`));
}

describe('icaro/no-hardcoded-strings', () => {
  it('flags text in the markup', () => {
    const found = lint('<p>Continua</p>');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('“Continua”');
  });

  it('flags readable attributes and text props, and strings shown from an expression', () => {
    expect(lint('<button aria-label="Chiudi">{m.x}</button>')).toHaveLength(1);
    expect(lint('<img src="a.png" alt="Logo del Comune" />')).toHaveLength(1);
    expect(lint('<input placeholder="Scrivi qui" />')).toHaveLength(1);
    expect(lint('<TextField label="Nome" />')).toHaveLength(1);
    expect(lint('<p>{ok ? m.yes : "Non ancora"}</p>')).toHaveLength(1);
    expect(lint('<button aria-label={open ? "Chiudi" : m.open}>x</button>')).toHaveLength(2);
  });

  it('lets messages, code-like attributes, CSS, scripts, punctuation and the allowlist through', () => {
    const ok = `<script lang="ts">const label = 'Non mostrato';</script>
<p class="muted" role={busy ? 'status' : 'alert'} data-testid="x">{m.a} · {m.b}: ({n})</p>
<span class:active={x === 'on'}>{m.c}</span>
<a href="/servizi" title={m.title}>{m.link}</a>
<p>ICARO – {m.d}</p>
<span>{file.mime === 'application/pdf' ? m.pdf : 'JPEG/PNG'}</span>
<style>.muted { font-family: sans-serif; }</style>`;
    expect(lint(ok)).toEqual([]);
  });
});
