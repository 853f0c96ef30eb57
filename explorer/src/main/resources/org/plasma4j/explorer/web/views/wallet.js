// The web wallet: the user's own EIP-1193 wallet (window.ethereum) signs payments with
// eth_signTypedData_v4 and sends root-chain calls with eth_sendTransaction. The explorer prepares
// both and never sees a key.
import { register } from '../lib/registry.js';
import { get, post, ApiError } from '../lib/api.js';
import { esc, table, exitStatus, blockLink } from '../lib/format.js';

const state = { account: null, chainId: null, expectedChainId: null, tokens: [], timer: null };
const USER_REJECTED = 4001;

function provider() {
  return window.ethereum;
}

function message(root, kind, text) {
  const el = root.querySelector('#wallet-msg');
  el.className = `msg ${kind}`;
  el.textContent = text;
  el.dataset.kind = kind;
  el.dataset.seq = String(Number(el.dataset.seq || 0) + 1);
}

function describe(e, what) {
  if (e && e.code === USER_REJECTED) {
    return `You rejected the ${what} in your wallet; nothing was sent.`;
  }
  if (e instanceof ApiError) return e.message;
  return `${what} failed: ${e && e.message ? e.message : e}`;
}

async function chainMatches(root) {
  const hex = await provider().request({ method: 'eth_chainId' });
  state.chainId = parseInt(hex, 16);
  if (state.chainId !== state.expectedChainId) {
    message(root, 'error', `Wrong network: your wallet is on chain ${state.chainId}, but this Plasma chain's root chain is chain ${state.expectedChainId}. Switch networks in your wallet.`);
    return false;
  }
  return true;
}

async function waitForReceipt(hash) {
  for (let i = 0; i < 240; i++) {
    const r = await provider().request({ method: 'eth_getTransactionReceipt', params: [hash] });
    if (r) return r;
    await new Promise((ok) => setTimeout(ok, 500));
  }
  throw new Error(`no receipt for ${hash} after two minutes`);
}

// Sends the prepared root-chain calls in order, each after the last one's receipt.
async function sendCalls(root, prepared, what) {
  const sent = [];
  const msg = root.querySelector('#wallet-msg');
  msg.dataset.l1Txs = '';
  if (!(await chainMatches(root))) return false;
  for (const call of prepared.calls) {
    message(root, 'info', `Confirm in your wallet: ${call.label}`);
    let hash;
    try {
      hash = await provider().request({
        method: 'eth_sendTransaction',
        params: [{ from: state.account, to: call.to, data: call.data, value: call.value }],
      });
    } catch (e) {
      message(root, 'error', describe(e, 'transaction'));
      return false;
    }
    sent.push(hash);
    msg.dataset.l1Txs = sent.join(',');
    message(root, 'info', `Sent ${hash}, waiting for it to be mined…`);
    const receipt = await waitForReceipt(hash);
    if (receipt.status !== '0x1') {
      message(root, 'error', `${call.label}: reverted on L1 (${hash})`);
      return false;
    }
  }
  message(root, 'ok', `${what}: done on L1.`);
  return true;
}

async function pay(root, form) {
  root.querySelector('#wallet-msg').dataset.l1Txs = '';
  if (!(await chainMatches(root))) return;
  let prepared;
  try {
    prepared = await post('wallet-payment', {
      from: state.account, to: form.to.value.trim(), token: form.token.value, amount: form.amount.value.trim(),
      decimals: shownDecimals(form.token.value),
    });
  } catch (e) {
    message(root, 'error', describe(e, 'payment'));
    return;
  }
  message(root, 'info', `Sign the payment of ${prepared.amountDisplay} (fee ${prepared.feeDisplay}) in your wallet`);
  let signature;
  try {
    signature = await provider().request({
      method: 'eth_signTypedData_v4',
      params: [state.account, JSON.stringify(prepared.typedData)],
    });
  } catch (e) {
    message(root, 'error', describe(e, 'signature request'));
    return;
  }
  const inputs = prepared.typedData.message.inputs.length;
  try {
    const r = await post('wallet-submit', { txBytes: prepared.txBytes, signatures: Array(inputs).fill(signature) });
    message(root, 'ok', `Payment accepted: ${r.txHash}`);
    root.querySelector('#wallet-msg').dataset.txHash = r.txHash;
  } catch (e) {
    message(root, 'error', describe(e, 'payment'));
  }
}

async function sendCoin(root, form) {
  root.querySelector('#wallet-msg').dataset.l1Txs = '';
  if (!(await chainMatches(root))) return;
  let prepared;
  try {
    prepared = await post('wallet-coin-transfer', { slot: form.slot.value.trim(), to: form.to.value.trim() });
  } catch (e) {
    message(root, 'error', describe(e, 'coin transfer'));
    return;
  }
  message(root, 'info', `Sign the transfer of coin ${form.slot.value.trim()} in your wallet`);
  let signature;
  try {
    signature = await provider().request({
      method: 'eth_signTypedData_v4',
      params: [state.account, JSON.stringify(prepared.typedData)],
    });
  } catch (e) {
    message(root, 'error', describe(e, 'signature request'));
    return;
  }
  try {
    const r = await post('wallet-coin-submit', { transfer: prepared.transfer, signature });
    message(root, 'ok', `Coin transfer accepted: ${r.txHash}`);
    root.querySelector('#wallet-msg').dataset.txHash = r.txHash;
  } catch (e) {
    message(root, 'error', describe(e, 'coin transfer'));
  }
}

async function refresh(root) {
  const live = root.querySelector('#wallet-live');
  if (!live || !state.account) return;
  let x;
  try {
    x = await get(`address/${state.account}`);
  } catch (e) {
    live.innerHTML = `<div class="msg error">${esc(e.message)}</div>`;
    return;
  }
  const balances = x.balances.map((b) => [esc(b.symbol), `<b data-testid="wallet-balance">${esc(b.display)}</b>`]);
  const utxos = x.utxos.map((u) => [`<span class="mono">${esc(u.position)}</span>`, blockLink(u.blkNum), esc(u.display),
    `<button class="secondary" data-exit="${esc(u.position)}">Exit</button>`]);
  const advice = x.advice ? x.advice.standardExits.map((e) => [`<span class="mono">${esc(e.position)}</span>`, esc(e.display || e.amount),
    `<button data-exit="${esc(e.position)}" data-testid="advised-exit">Exit now</button>`]) : [];
  const exits = (x.exits || []).map((e) => [esc(e.kind), `<span class="mono">${esc(e.position)}</span>`, esc(e.display || e.detail),
    `<span data-testid="exit-status" data-kind="${esc(e.kind)}" data-position="${esc(e.position)}">${exitStatus(e)}</span>`]);
  const deposits = (x.deposits || []).map((d) => [blockLink(d.blkNum), esc(d.display)]);
  const coins = (x.coins || []).map((c) => [`<a class="mono" href="#/coin/${esc(c.slot)}" data-testid="wallet-coin">${esc(c.slot)}</a>`, esc(c.display)]);
  const html = `<div class="grid2">
      <div><h2>Balances on the child chain</h2><div class="card">${table(['token', 'balance'], balances, 'nothing yet: deposit first')}</div>
      <h2>Deposits</h2><div class="card">${table(['block', 'amount'], deposits, 'none')}</div></div>
      <div><h2>Your exits</h2><div class="card" data-testid="wallet-exits">${table(['kind', 'position', 'amount', 'status'], exits, 'none')}</div>
      <h2>The watcher advises to exit</h2><div class="card" data-testid="wallet-advice">${x.advice ? table(['output', 'amount', ''], advice, 'nothing: the chain is fine') : `<span class="muted">${esc(x.watcherError || 'watcher unavailable')}</span>`}</div></div>
    </div>
    <h2>Unspent outputs</h2><div class="card">${table(['position', 'block', 'amount', ''], utxos, 'none')}</div>
    <h2>Coins you deposited</h2><div class="card">${table(['slot', 'value'], coins, 'none')}</div>`;
  if (live.dataset.html !== html) {
    live.innerHTML = html;
    live.dataset.html = html;
  }
}

// the server refuses an amount typed for other decimals than the token states when it prepares it
function shownDecimals(token) {
  const t = state.tokens.find((x) => x.token === token);
  return t ? String(t.decimals) : undefined;
}

function tokenOptions() {
  return state.tokens.map((t) => `<option value="${esc(t.token)}">${esc(t.symbol)}</option>`).join('');
}

async function connect(root) {
  if (!provider()) {
    message(root, 'error', 'No Ethereum wallet found in this browser: install MetaMask or another EIP-1193 wallet.');
    return;
  }
  try {
    const accounts = await provider().request({ method: 'eth_requestAccounts' });
    state.account = accounts[0];
  } catch (e) {
    message(root, 'error', describe(e, 'connection request'));
    return;
  }
  root.querySelector('#wallet-account').textContent = state.account;
  root.querySelector('#wallet-actions').hidden = false;
  if (await chainMatches(root)) {
    message(root, 'ok', `Connected as ${state.account} on chain ${state.chainId}.`);
  }
  if (provider().on) {
    provider().on('chainChanged', () => chainMatches(root));
    provider().on('accountsChanged', (a) => { state.account = a[0]; refresh(root); });
  }
  await refresh(root);
}

register('wallet', {
  title: 'Wallet',
  async render() {
    const [s, t] = await Promise.all([get('status'), get('wallet-tokens')]);
    state.expectedChainId = s.nodes.l1.chainId;
    state.tokens = t.tokens;
    return `<h1>Wallet</h1>
      <div class="card"><p>Account: <b class="mono" id="wallet-account" data-testid="wallet-account">not connected</b>
        <button id="wallet-connect" data-testid="connect">Connect wallet</button></p>
        <div id="wallet-msg" class="msg info" data-testid="wallet-msg">Connect the wallet you already use (MetaMask or compatible); it signs, the explorer never holds a key.</div></div>
      <div id="wallet-actions" hidden>
        <div class="grid2">
          <div class="card"><h2>Deposit (L1 → child chain)</h2>
            <form class="inline" id="deposit-form"><select name="token">${tokenOptions()}</select>
              <input name="amount" placeholder="amount, e.g. 1.5" size="12"><button type="submit">Deposit</button></form></div>
          <div class="card"><h2>Send on the child chain</h2>
            <form class="inline" id="send-form"><input name="to" placeholder="to 0x…" size="44">
              <select name="token">${tokenOptions()}</select><input name="amount" placeholder="amount" size="10">
              <button type="submit">Sign and send</button></form></div>
          <div class="card"><h2>Deposit a coin (Plasma Cash)</h2>
            <form class="inline" id="coin-deposit-form"><input name="amount" placeholder="ETH, e.g. 0.5" size="12">
              <button type="submit">Deposit coin</button></form></div>
          <div class="card"><h2>Send a coin</h2>
            <form class="inline" id="coin-send-form"><input name="slot" placeholder="slot" size="22">
              <input name="to" placeholder="to 0x…" size="44"><button type="submit">Sign and send coin</button></form></div>
          <div class="card"><h2>Challenge an exit</h2>
            <form class="inline" id="challenge-form"><input name="position" placeholder="exiting output position" size="24">
              <button type="submit">Challenge</button></form></div>
          <div class="card"><h2>Process exits</h2>
            <form class="inline" id="process-form"><select name="token">${tokenOptions()}</select>
              <button type="submit">Process the queue</button></form></div>
        </div>
        <div id="wallet-live"></div>
      </div>`;
  },
  mount(root) {
    root.querySelector('#wallet-connect').addEventListener('click', () => connect(root));
    root.querySelector('#deposit-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const f = ev.target;
      try {
        const p = await post('wallet-deposit', {
          token: f.token.value, amount: f.amount.value.trim(), decimals: shownDecimals(f.token.value),
        });
        await sendCalls(root, p, 'Deposit');
      } catch (e) { message(root, 'error', describe(e, 'deposit')); }
      refresh(root);
    });
    root.querySelector('#send-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      await pay(root, ev.target);
      refresh(root);
    });
    root.querySelector('#coin-deposit-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const p = await post('wallet-coin-deposit', { amount: ev.target.amount.value.trim() });
        await sendCalls(root, p, 'Coin deposit');
      } catch (e) { message(root, 'error', describe(e, 'coin deposit')); }
      refresh(root);
    });
    root.querySelector('#coin-send-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      await sendCoin(root, ev.target);
      refresh(root);
    });
    root.querySelector('#challenge-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const p = await post('wallet-challenge', { challenger: state.account, position: ev.target.position.value.trim() });
        await sendCalls(root, p, 'Challenge');
      } catch (e) { message(root, 'error', describe(e, 'challenge')); }
      refresh(root);
    });
    root.querySelector('#process-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const p = await post('wallet-process', { token: ev.target.token.value });
        await sendCalls(root, p, 'Processing');
      } catch (e) { message(root, 'error', describe(e, 'processing')); }
      refresh(root);
    });
    root.addEventListener('click', async (ev) => {
      const position = ev.target.dataset && ev.target.dataset.exit;
      if (!position) return;
      ev.target.disabled = true;
      try {
        const p = await post('wallet-exit', { owner: state.account, position });
        await sendCalls(root, p, `Exit of ${position}`);
      } catch (e) { message(root, 'error', describe(e, 'exit')); }
      refresh(root);
    });
    if (state.account) connect(root);
    clearInterval(state.timer);
    state.timer = setInterval(() => {
      if (!document.getElementById('wallet-live')) { clearInterval(state.timer); return; }
      refresh(root);
    }, 2000);
  },
});
