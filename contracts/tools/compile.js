#!/usr/bin/env node
// Compiles contracts/src with the pinned solc-js (same settings as foundry.toml) and writes
// <Contract>.abi / <Contract>.bin for every deployable contract, which web3j's codegen turns into Java.
// Usage: node tools/compile.js <outDir>
'use strict';
const fs = require('fs');
const path = require('path');

const contractsDir = path.resolve(__dirname, '..');
const repoRoot = path.resolve(contractsDir, '..');
const solc = require(path.join(repoRoot, 'node_modules', 'solc'));
const outDir = path.resolve(process.argv[2] || path.join(contractsDir, 'target', 'solc'));
// EIP-170: deployed code above this cannot be deployed on mainnet
const MAX_RUNTIME_BYTES = 24576;

function listSol(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return listSol(p);
    return d.name.endsWith('.sol') ? [p] : [];
  });
}

function readFoundrySetting(key) {
  const toml = fs.readFileSync(path.join(contractsDir, 'foundry.toml'), 'utf8');
  const m = toml.match(new RegExp('^' + key + '\\s*=\\s*"?([^"\\n]+)"?', 'm'));
  if (!m) throw new Error('foundry.toml has no ' + key);
  return m[1].trim();
}

const sources = {};
for (const file of listSol(path.join(contractsDir, 'src'))) {
  const unit = path.relative(contractsDir, file).split(path.sep).join('/');
  sources[unit] = { content: fs.readFileSync(file, 'utf8') };
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: readFoundrySetting('optimizer') === 'true', runs: Number(readFoundrySetting('optimizer_runs')) },
    evmVersion: readFoundrySetting('evm_version'),
    viaIR: readFoundrySetting('via_ir') === 'true',
    remappings: ['@openzeppelin/contracts/=node_modules/@openzeppelin/contracts/'],
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};

function findImports(p) {
  for (const base of [contractsDir, repoRoot]) {
    const full = path.resolve(base, p);
    if (fs.existsSync(full)) return { contents: fs.readFileSync(full, 'utf8') };
  }
  return { error: 'File not found: ' + p };
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
let failed = false;
for (const e of output.errors || []) {
  if (e.severity === 'error') failed = true;
  // dependency warnings (OpenZeppelin's transient-storage notice) are not ours to fix
  else if (e.sourceLocation && e.sourceLocation.file.startsWith('node_modules/')) continue;
  process.stderr.write(e.formattedMessage + '\n');
}
if (failed) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
const written = [];
for (const [unit, contracts] of Object.entries(output.contracts)) {
  // only our own deployable contracts: skip libraries/abstracts (empty bytecode) and dependencies
  if (!unit.startsWith('src/') || unit.startsWith('src/lib/')) continue;
  for (const [name, c] of Object.entries(contracts)) {
    const bin = c.evm.bytecode.object;
    if (!bin) continue;
    const runtimeBytes = c.evm.deployedBytecode.object.length / 2;
    if (runtimeBytes > MAX_RUNTIME_BYTES) {
      process.stderr.write(`${name} runtime is ${runtimeBytes} bytes, above the ${MAX_RUNTIME_BYTES}-byte limit\n`);
      process.exit(1);
    }
    fs.writeFileSync(path.join(outDir, name + '.abi'), JSON.stringify(c.abi));
    fs.writeFileSync(path.join(outDir, name + '.bin'), bin);
    written.push(`${name} (${runtimeBytes} bytes)`);
  }
}
process.stdout.write('solc ' + solc.version() + ': ' + written.join(', ') + ' -> ' + outDir + '\n');
