/**
 * ESLint rule `icaro/no-hardcoded-strings` (QUALITY.md §1.13, issue 3 §6): every
 * user-facing string of a Svelte component comes from the message catalogue
 * (web/src/lib/i18n), never from the template. It flags:
 * - text in the markup that contains a letter (`<p>Continua</p>`);
 * - the literal value of an attribute people read or hear (aria-label, title, alt,
 *   placeholder, …) or of a component prop that is shown as text (label, legend, hint…).
 * Text made only of punctuation, digits or symbols (`·`, `:`, `(`, `–`) passes, and so do
 * the few proper names in ALLOWED. Expressions (`{m.x}`) are never flagged.
 */

/** Words that are the same in every language: the product's name and file formats. */
const ALLOWED = new Set(['ICARO', 'PDF', 'JPEG', 'PNG', 'JPEG/PNG']);

/** Attributes and component props whose value is read or heard by people. */
const TEXT_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-placeholder',
  'aria-valuetext',
  'title',
  'alt',
  'placeholder',
  'label',
  'legend',
  'hint',
  'caption',
  'submitLabel',
]);

const LETTER = /\p{L}/u;

function hasWords(text) {
  // Letters left once the allowed words are taken out.
  const rest = text
    .split(/[\s,;:()·–—-]+/u)
    .filter((word) => word !== '' && !ALLOWED.has(word))
    .join(' ');
  return LETTER.test(rest);
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'User-facing text in Svelte components must come from the message catalogue' },
    schema: [],
    messages: {
      text: 'Hard-coded text “{{text}}”: put it in web/src/lib/i18n (it.ts and en.ts) and use the message.',
      attribute: 'Hard-coded {{name}}=“{{text}}”: put it in web/src/lib/i18n (it.ts and en.ts) and use the message.',
    },
  },
  create(context) {
    return {
      SvelteText(node) {
        // The CSS of <style> and the code of <script> are not shown to anyone.
        for (let p = node.parent; p; p = p.parent) if (p.type === 'SvelteStyleElement' || p.type === 'SvelteScriptElement') return;
        if (hasWords(node.value)) context.report({ node, messageId: 'text', data: { text: node.value.trim().slice(0, 40) } });
      },
      // A string shown straight from an expression: {cond ? m.a : 'Testo'} or {x ?? 'Testo'}.
      Literal(node) {
        if (typeof node.value !== 'string' || !hasWords(node.value)) return;
        let p = node.parent;
        while (p && (p.type === 'ConditionalExpression' || p.type === 'LogicalExpression')) {
          if (p.type === 'ConditionalExpression' && p.test === node) return;
          p = p.parent;
        }
        if (p?.type !== 'SvelteMustacheTag' || p.kind !== 'text') return;
        const holder = p.parent;
        if (holder?.type === 'SvelteAttribute') {
          // role={x ? 'alert' : 'status'} is code; aria-label={x ? 'Apri' : 'Chiudi'} is text.
          const name = holder.key?.name;
          if (typeof name === 'string' && TEXT_ATTRIBUTES.has(name)) {
            context.report({ node, messageId: 'attribute', data: { name, text: node.value.trim().slice(0, 40) } });
          }
          return;
        }
        // Directives (class:x={…}, style:…) hold code, not text.
        if (holder && /Directive$/.test(holder.type)) return;
        context.report({ node, messageId: 'text', data: { text: node.value.trim().slice(0, 40) } });
      },
      SvelteAttribute(node) {
        const name = node.key?.name;
        if (typeof name !== 'string' || !TEXT_ATTRIBUTES.has(name)) return;
        for (const part of node.value ?? []) {
          if (part.type === 'SvelteLiteral' && hasWords(part.value)) {
            context.report({ node: part, messageId: 'attribute', data: { name, text: part.value.trim().slice(0, 40) } });
          }
        }
      },
    };
  },
};
