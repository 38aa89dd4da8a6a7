// Runs a WASI (preview1) command module under node:wasi, as the reference
// the compiled programs are compared with.
//
//   node --single-threaded --no-warnings utils/lit/run-node-wasi.mjs \
//        [--dir=HOST[::GUEST]]... [--no-env] MODULE.wasm [ARGS...]
//
// The guest gets argv = [MODULE.wasm, ARGS...], the host environment (unless
// --no-env), stdin/stdout/stderr, and each --dir as a preopened directory.
// Exits with the guest's exit status. A trap prints `wasm trap: <message>`
// to stderr and exits with status 134, like wasm2native-compiled programs.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { WASI } from 'node:wasi';

const argv = process.argv.slice(2);
const preopens = {};
let env = process.env;
while (argv.length && argv[0].startsWith('--')) {
  const opt = argv.shift();
  if (opt === '--') break;
  if (opt.startsWith('--dir=')) {
    const [host, guest] = opt.slice(6).split('::');
    preopens[guest ?? host] = host;
  } else if (opt === '--no-env') {
    env = {};
  } else {
    process.stderr.write(`run-node-wasi: unknown option ${opt}\n`);
    process.exit(2);
  }
}
if (argv.length < 1) {
  process.stderr.write('usage: run-node-wasi.mjs [--dir=HOST[::GUEST]] [--no-env] MODULE.wasm [ARGS...]\n');
  process.exit(2);
}

const [file, ...args] = argv;
const wasi = new WASI({
  version: 'preview1',
  args: [file, ...args],
  env,
  preopens,
  returnOnExit: true,
});

let status;
try {
  const module = await WebAssembly.compile(readFileSync(file));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  status = wasi.start(instance);
} catch (e) {
  if (e instanceof WebAssembly.RuntimeError) {
    process.stderr.write(`wasm trap: ${e.message}\n`);
    status = 134;
  } else {
    process.stderr.write(`run-node-wasi: ${file}: ${e?.message ?? e}\n`);
    status = 1;
  }
}
process.exit(status ?? 0);
