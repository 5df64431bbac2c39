// The ESLint rule behind the layers table in eslint.config.js: every relative import is resolved
// to the file it names, and the folder holding that file must be one the importing file's folder
// lists. Resolving (rather than matching the import string against patterns) is what makes
// `../engine/x.ts`, `../../main/engine/x.ts` and `./../engine/x.ts` the same import.
//
// Options: { root, layers } where `root` is the repository's folder and `layers` maps a folder
// (relative to root, `/`-separated) to the folders it may import. A file inside `main/` that no
// row covers is an error too: a new folder of main/ gets its row before its first import.
import { dirname, relative, resolve, sep } from 'node:path';

/** The row (longest matching folder) a path relative to the root belongs to, or undefined. */
function layerOf(path, folders) {
  let found;
  for (const folder of folders) {
    if ((path === folder || path.startsWith(`${folder}/`)) && (!found || folder.length > found.length)) found = folder;
  }
  return found;
}

function repoPath(root, file) {
  return relative(root, file).split(sep).join('/');
}

/** @type {import('eslint').Rule.RuleModule} */
export const folderLayers = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder imports only the folders its row of the layers table allows.' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' }, layers: { type: 'object' } },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      forbidden:
        '{{from}} may import only {{allowed}}: "{{source}}" is in {{to}}. See the layers table in eslint.config.js.',
      unlisted: '{{what}} is in main/ but in no row of the layers table in eslint.config.js; add its row.',
    },
  },
  create(context) {
    const { root, layers } = context.options[0];
    const folders = Object.keys(layers);
    const filePath = repoPath(root, context.filename);
    const from = layerOf(filePath, folders);
    const inMain = (path) => path.startsWith('main/') && path.split('/').length > 2;

    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      if (!source.value.startsWith('.')) return; // packages are the runtime rules' business
      const target = repoPath(root, resolve(dirname(context.filename), source.value));
      const to = layerOf(target, folders);
      if (to === undefined) {
        if (inMain(target)) context.report({ node: source, messageId: 'unlisted', data: { what: target } });
        return;
      }
      if (from === undefined || to === from || layers[from].includes(to)) return;
      const allowed = layers[from].length ? layers[from].join(', ') : 'its own folder';
      context.report({ node: source, messageId: 'forbidden', data: { from, allowed, source: source.value, to } });
    };

    return {
      Program(node) {
        if (from === undefined && inMain(filePath)) {
          context.report({ node, messageId: 'unlisted', data: { what: filePath } });
        }
      },
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
