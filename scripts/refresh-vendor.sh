#!/usr/bin/env bash
# Refresh the vendored browser libraries in server/static/vendor/.
#
# Versions are pinned (exactly) in scripts/vendor-packages.json. The script
# installs them with npm into a temporary directory (no node_modules is left
# in the repo), copies the built, minified browser files and each library's
# licence into server/static/vendor/<lib>/ (replacing those folders), and
# rewrites server/static/vendor/VERSIONS.md. Source maps are not copied.
#
# Needs: bash, node, npm, and access to the npm registry.
# Usage: scripts/refresh-vendor.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
manifest="$here/vendor-packages.json"
vendor="$repo/server/static/vendor"

die() { echo "refresh-vendor: error: $*" >&2; exit 1; }

command -v node >/dev/null || die "node not found"
command -v npm >/dev/null || die "npm not found"
[[ -f "$manifest" ]] || die "missing $manifest"

# lib folder | npm package | files inside the package to copy (space separated)
libs=(
  "yasgui|@zazuko/yasgui|build/yasgui.min.js build/yasgui.min.css"
  "cytoscape|cytoscape|dist/cytoscape.min.js"
  "vega|vega|build/vega.min.js"
  "vega-lite|vega-lite|build/vega-lite.min.js"
  "vega-embed|vega-embed|build/vega-embed.min.js"
)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cp "$manifest" "$tmp/package.json"
echo "refresh-vendor: npm install in $tmp" >&2
(cd "$tmp" && npm install --no-save --ignore-scripts --no-audit --no-fund --omit=dev --loglevel=error >&2)

# Every pinned package must be installed at exactly the pinned version.
node - "$tmp" <<'EOF'
const fs = require("fs"), path = require("path");
const dir = process.argv[2];
const deps = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).dependencies;
for (const [name, want] of Object.entries(deps)) {
  if (!/^\d+\.\d+\.\d+$/.test(want)) { console.error(`refresh-vendor: error: ${name} is not pinned to an exact version: ${want}`); process.exit(1); }
  const pj = path.join(dir, "node_modules", name, "package.json");
  if (!fs.existsSync(pj)) { console.error(`refresh-vendor: error: ${name} was not installed`); process.exit(1); }
  const got = JSON.parse(fs.readFileSync(pj, "utf8")).version;
  if (got !== want) { console.error(`refresh-vendor: error: ${name}: installed ${got}, pinned ${want}`); process.exit(1); }
}
EOF

pkg_field() { # pkg_field <package dir> <field>
  node -e 'const p=require(process.argv[1]+"/package.json"); const v=p[process.argv[2]]; if (typeof v!=="string"||!v) process.exit(1); console.log(v)' "$1" "$2"
}

# Writes <out> with the licence file shipped by the package, or, when the
# package ships none but declares MIT in package.json, the standard MIT text
# with a header saying where it came from.
copy_licence() { # copy_licence <package dir> <package name> <out>
  local dir="$1" name="$2" out="$3" f lic version author
  for f in LICENSE LICENSE.md LICENSE.txt LICENCE LICENCE.md license license.md COPYING; do
    if [[ -f "$dir/$f" ]]; then cp "$dir/$f" "$out"; return 0; fi
  done
  lic="$(pkg_field "$dir" license)" || die "$name ships no licence file and declares no licence"
  [[ "$lic" == "MIT" ]] || die "$name ships no licence file and declares '$lic'; add its text by hand"
  version="$(pkg_field "$dir" version)"
  author="$(node -e 'const p=require(process.argv[1]+"/package.json"); const a=p.author; const s=typeof a==="string"?a:(a&&a.name)||""; const c=(p.contributors||[]).map(x=>typeof x==="string"?x:x.name).filter(Boolean); console.log([s].concat(c).filter(Boolean).join(", "))' "$dir")"
  cat > "$out" <<EOF
$name $version: MIT licence.

The npm package ships no LICENSE file; its package.json declares
"license": "MIT" (author and contributors: ${author:-not stated}).
The standard MIT licence text follows.

MIT License

Copyright (c) the authors and contributors of $name ($author)

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
EOF
}

# Writes <out> with the licences of the package's runtime dependency tree as
# npm installed it (peer dependencies excluded). The minified bundles inline
# most of these and drop their licence comments. The list may name a few
# packages that the bundle does not include (e.g. CLI-only ones).
third_party_notices() { # third_party_notices <package dir> <out>
  node - "$1" "$2" "$tmp/node_modules" <<'EOF'
const fs = require("fs"), path = require("path");
const [root, out, top] = process.argv.slice(2);
const read = d => JSON.parse(fs.readFileSync(path.join(d, "package.json"), "utf8"));
function resolve(from, name) {
  for (let d = from; ; d = path.dirname(d)) {
    const c = path.join(d, "node_modules", name);
    if (fs.existsSync(path.join(c, "package.json"))) return c;
    if (d === path.dirname(top) || d === path.dirname(d)) return null;
  }
}
const seen = new Map(), queue = [root];
while (queue.length) {
  const d = queue.shift(), p = read(d);
  for (const dep of Object.keys(p.dependencies || {})) {
    const r = resolve(d, dep);
    if (!r) continue; // optional dependency not installed
    const q = read(r), key = `${q.name}@${q.version}`;
    if (seen.has(key)) continue;
    seen.set(key, r); queue.push(r);
  }
}
const rootPkg = read(root);
const keys = [...seen.keys()].sort();
let text = `Third-party software in the ${rootPkg.name} ${rootPkg.version} browser bundle.\n` +
  `Generated by scripts/refresh-vendor.sh from the runtime dependency tree that npm\n` +
  `installed (peer dependencies excluded); a few entries may not be in the bundle.\n`;
for (const key of keys) {
  const d = seen.get(key), p = read(d);
  const lic = typeof p.license === "string" ? p.license : (p.license && p.license.type) || "UNKNOWN";
  const f = fs.readdirSync(d).filter(n => /^(licen[cs]e|copying)(\.|$)/i.test(n)).sort()[0];
  text += `\n${"=".repeat(78)}\n${key} (${lic})\n${"=".repeat(78)}\n`;
  text += f ? fs.readFileSync(path.join(d, f), "utf8").trimEnd() + "\n" : "(no licence file shipped in the package)\n";
}
fs.writeFileSync(out, keys.length ? text : "");
if (!keys.length) fs.unlinkSync(out);
EOF
}

# Check every file first, so a missing one leaves server/static/vendor untouched.
for entry in "${libs[@]}"; do
  IFS='|' read -r lib name files <<<"$entry"
  for f in $files; do
    [[ -s "$tmp/node_modules/$name/$f" ]] || die "$name: missing or empty file $f"
  done
done

mkdir -p "$vendor"
rows=()
for entry in "${libs[@]}"; do
  IFS='|' read -r lib name files <<<"$entry"
  src="$tmp/node_modules/$name"
  dest="$vendor/$lib"
  rm -rf "$dest"
  mkdir -p "$dest"
  listed=()
  for f in $files; do
    cp "$src/$f" "$dest/"
    listed+=("\`$lib/$(basename "$f")\`")
  done
  copy_licence "$src" "$name" "$dest/LICENSE"
  listed+=("\`$lib/LICENSE\`")
  third_party_notices "$src" "$dest/THIRD-PARTY-NOTICES.txt"
  if [[ -f "$dest/THIRD-PARTY-NOTICES.txt" ]]; then listed+=("\`$lib/THIRD-PARTY-NOTICES.txt\`"); fi
  version="$(pkg_field "$src" version)"
  licence="$(pkg_field "$src" license)"
  rows+=("| $name | $version | ${listed[*]} | $licence |")
done

{
  echo "# Vendored browser libraries"
  echo
  echo "Generated by \`scripts/refresh-vendor.sh\` from the exact versions pinned in"
  echo "\`scripts/vendor-packages.json\` (npm packages' own built files, unmodified;"
  echo "source maps not copied). Do not edit these files by hand: change the pin and"
  echo "rerun the script."
  echo
  echo "| library | version | files | licence |"
  echo "| --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} > "$vendor/VERSIONS.md"

echo "refresh-vendor: wrote $vendor" >&2
(cd "$vendor" && find . -type f | sort | xargs du -b | awk '{t+=$1; printf "%10d  %s\n", $1, $2} END {printf "%10d  total bytes\n", t}') >&2
