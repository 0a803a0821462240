// ajv's standalone output still require()s a few of ajv's runtime helpers (deep equality, string length in code
// points, ajv-formats' `uri`). Copying those few kilobytes into generated/validators.cjs at codegen time means
// ajv and ajv-formats are needed to generate, not to run: an app that installs the package for the client and
// the validators gets neither package (both MIT, as is fast-deep-equal, which equal.js wraps).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const REQUIRE = /\brequire\("([^"]+)"\)/g;

// A module's name as it appears under node_modules, so that the generated file does not depend on where the
// repository lies on disk.
function moduleKey(path: string): string {
  const at = path.lastIndexOf("node_modules/");
  if (at < 0) throw new Error(`inline-runtime: ${path} is not a package file`);
  return path.slice(at + "node_modules/".length);
}

/**
 * Replaces every `require("...")` of `code` with a module carried inside the code itself, each loaded once, with
 * the modules those require in turn. `from` is the file whose node_modules resolve the names. Returns the code and
 * the names of the modules it now carries.
 */
export function inlineRequires(code: string, from: string): { code: string; inlined: string[] } {
  const modules = new Map<string, string>();
  const visit = (source: string, resolveFrom: string): string =>
    source.replace(REQUIRE, (_, name: string) => {
      const path = createRequire(resolveFrom).resolve(name);
      const key = moduleKey(path);
      if (!modules.has(key)) {
        modules.set(key, "");
        // Source map comments would point at files the package does not ship.
        const text = readFileSync(path, "utf8").replace(/^\/\/# sourceMappingURL=.*$/m, "");
        modules.set(key, visit(text, path));
      }
      return `__inlined(${JSON.stringify(key)})`;
    });
  const strict = code.startsWith('"use strict";') ? '"use strict";\n' : "";
  const body = visit(code.slice(strict.length ? '"use strict";'.length : 0), from);
  if (modules.size === 0) return { code, inlined: [] };
  const factories = [...modules].map(
    ([key, text]) => `${JSON.stringify(key)}: function (module, exports) {\n${text.trim()}\n}`,
  );
  const inlined = `${strict}const __inlined = (() => {
  const factories = {
${factories.join(",\n")}
  };
  const cache = {};
  return (key) => {
    if (!(key in cache)) {
      const module = { exports: {} };
      cache[key] = module;
      factories[key](module, module.exports);
    }
    return cache[key].exports;
  };
})();
${body}`;
  return { code: inlined, inlined: [...modules.keys()] };
}
