// npm ci refuses a lockfile that lacks an entry for any optional dependency, even one for another
// platform. The registry mirror these machines reach does not serve some platform binaries (for
// example @next/swc-darwin-arm64), so `npm install` here silently leaves their entries out and every
// fresh `npm ci` then fails. This adds the missing entries with the os/cpu their names state, which
// is all npm ci needs to skip them on a platform they don't fit (and to fetch them on one they do).
import fs from "node:fs";

const OS = ["darwin", "linux", "win32", "freebsd", "android", "openbsd", "netbsd", "sunos", "aix", "openharmony"];
const CPU = { x64: "x64", arm64: "arm64", arm: "arm", ia32: "ia32", riscv64: "riscv64", ppc64: "ppc64", s390x: "s390x", loong64: "loong64", wasm32: "wasm32" };

export function missingOptionalEntries(lock) {
  const added = {};
  for (const [location, entry] of Object.entries(lock.packages ?? {})) {
    for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
      const nested = `${location ? location + "/" : ""}node_modules/${name}`;
      if (lock.packages[nested] || lock.packages[`node_modules/${name}`] || added[`node_modules/${name}`]) continue;
      const tokens = name.split("/").pop().split("-");
      const os = OS.find((value) => tokens.includes(value));
      const cpu = Object.keys(CPU).find((value) => tokens.includes(value));
      if (!os && !cpu) continue; // not a platform binary: leave it for npm to report
      added[`node_modules/${name}`] = {
        version: range.replace(/^[\^~=]/, ""),
        ...(cpu ? { cpu: [CPU[cpu]] } : {}),
        ...(os ? { os: [os] } : {}),
        optional: true,
      };
    }
  }
  return added;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = new URL("../package-lock.json", import.meta.url);
  const lock = JSON.parse(fs.readFileSync(file, "utf8"));
  const added = missingOptionalEntries(lock);
  const names = Object.keys(added);
  if (process.argv.includes("--check")) {
    if (names.length) {
      console.error(`package-lock.json lacks ${names.length} optional platform entries (npm ci will fail); run: npm run lockfile:fix`);
      process.exit(1);
    }
    console.log("package-lock.json has an entry for every optional platform package");
  } else {
    lock.packages = Object.fromEntries(Object.entries({ ...lock.packages, ...added }).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
    fs.writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
    console.log(names.length ? `added ${names.length} optional platform entries: ${names.join(", ")}` : "nothing to add");
  }
}
