// Lint enforces the layers of STYLE.md / ARCHITECTURE.md §6: a wrong import fails `npm test`.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import importX, { createNodeResolver } from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const yjsPkgs = ['yjs', 'y-webrtc', 'y-protocols', 'y-protocols/*', 'lib0', 'lib0/*', 'simple-peer']
const dexiePkgs = ['dexie', 'y-dexie', 'dexie-*']
const reactPkgs = ['react', 'react-dom', 'react-dom/*', 'react/*']

const banned = (names, message) => names.map((name) => ({ name, message }))
const bannedPatterns = (group, message) => ({ group: [...new Set(group)], message })

/** no-restricted-imports for one folder: packages and sibling layers it must not import. */
function layer(files, { packages = [], folders = [] }) {
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: packages.flatMap(([names, msg]) => banned(names.filter((n) => !n.includes('*')), msg)),
          patterns: [
            ...packages.map(([names, msg]) => bannedPatterns(names.map((n) => (n.includes('*') ? n : `${n}/*`)), msg)),
            ...folders.map(([globs, msg]) => bannedPatterns(globs, msg)),
          ].filter((p) => p.group.length > 0),
        },
      ],
    },
  }
}

export default tseslint.config(
  { ignores: ['dist/**', 'dev-dist/**', 'node_modules/**', 'coverage/**', 'bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.d.ts'] })] },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'No .only in committed tests.' },
        { selector: "CallExpression[callee.property.name='skip']", message: 'No skipped tests.' },
      ],
    },
  },
  // domain/: pure TypeScript. No React, Yjs, Dexie, xstate, DOM clock or randomness.
  layer(['src/domain/**'], {
    packages: [
      [reactPkgs, 'domain/ is pure: no React.'],
      [yjsPkgs, 'domain/ is pure: no Yjs.'],
      [dexiePkgs, 'domain/ is pure: no Dexie.'],
      [['xstate', '@xstate/*'], 'domain/ is pure: no xstate.'],
    ],
    folders: [[['**/app/*', '**/features/*', '**/sync/*', '**/storage/*', '**/machines/*', '**/ui/*', '**/pwa/*', '**/server/*'], 'domain/ imports nothing but domain/.']],
  }),
  {
    files: ['src/domain/**', 'src/machines/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Inject a clock.' },
        { object: 'Math', property: 'random', message: 'Inject randomness.' },
      ],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Inject timers.' }, { name: 'setInterval', message: 'Inject timers.' }, { name: 'window', message: 'No DOM in domain/.' }, { name: 'document', message: 'No DOM in domain/.' }],
    },
  },
  layer(['src/machines/**'], {
    packages: [[reactPkgs, 'machines/ has no React.'], [yjsPkgs, 'machines/ has no Yjs.'], [dexiePkgs, 'machines/ has no Dexie.']],
    folders: [[['**/app/*', '**/features/*', '**/sync/*', '**/storage/*', '**/ui/*', '**/pwa/*'], 'machines/ imports only domain/.']],
  }),
  // storage/: the only folder that imports dexie. It may name Yjs types (y-dexie hands out Y.Doc) but never import yjs at run time.
  {
    files: ['src/storage/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...banned(['y-webrtc', 'lib0', 'y-protocols', ...reactPkgs.filter((p) => !p.includes('*'))], 'storage/ has no network or React.'), { name: 'yjs', message: 'storage/ may only import types from yjs.', allowTypeImports: true }],
          patterns: [bannedPatterns(['**/app/*', '**/features/*', '**/sync/*', '**/ui/*', '**/pwa/*'], 'storage/ imports only domain/.')],
        },
      ],
    },
  },
  layer(['src/sync/**'], {
    packages: [[dexiePkgs, 'Only storage/ imports dexie.'], [reactPkgs, 'sync/ has no React.']],
    folders: [[['**/app/*', '**/features/*', '**/storage/*', '**/ui/*', '**/pwa/*'], 'sync/ imports only domain/.']],
  }),
  // Everything else: no yjs / y-webrtc (only sync/) and no dexie (only storage/), except type-only imports of yjs.
  {
    files: ['src/app/**', 'src/features/**', 'src/ui/**', 'src/pwa/**', 'src/i18n/**', 'src/main.tsx', 'src/export/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...banned(['yjs', 'y-webrtc', 'y-protocols', 'lib0', 'simple-peer'], 'Only sync/ imports yjs and y-webrtc.'), ...banned(['dexie', 'y-dexie'], 'Only storage/ imports dexie.')],
          patterns: [bannedPatterns(['y-protocols/*', 'lib0/*', 'dexie/*'], 'Only sync/ and storage/ import these.')],
        },
      ],
    },
  },
  {
    files: ['src/features/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...banned(['yjs', 'y-webrtc', 'y-protocols', 'lib0', 'simple-peer'], 'Only sync/ imports yjs and y-webrtc.'), ...banned(['dexie', 'y-dexie'], 'Only storage/ imports dexie.')],
          patterns: [bannedPatterns(['**/sync/*', '**/storage/*', '**/server/*'], 'features/ reach sync and storage through app/ services (type imports from storage are allowed via app).')],
        },
      ],
    },
  },
  layer(['src/ui/**'], {
    packages: [[yjsPkgs, 'ui/ is generic.'], [dexiePkgs, 'ui/ is generic.']],
    folders: [[['**/domain/*', '**/app/*', '**/features/*', '**/sync/*', '**/storage/*'], 'ui/ has no app-specific imports.']],
  }),
  {
    files: ['tests/**', 'src/**/*.test.ts', 'src/**/*.test.tsx', 'src/server/**', '*.config.ts', 'eslint.config.js'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
)
