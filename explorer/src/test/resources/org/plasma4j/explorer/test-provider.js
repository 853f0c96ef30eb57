// An EIP-1193 provider for the browser tests, injected before any page script runs. It answers
// like a wallet extension with one selected account: eth_requestAccounts / eth_accounts give that
// account (one of anvil's unlocked dev accounts, chosen through sessionStorage), and everything
// else, eth_signTypedData_v4 and eth_sendTransaction included, is forwarded to anvil, which signs
// with the account's dev key. Tests can make it report another chain or refuse the next request
// as a user would (EIP-1193 code 4001).
(() => {
  const rpc = '__ANVIL_URL__';
  const test = {
    get account() { return sessionStorage.getItem('plasmaTestAccount'); },
    get chainIdOverride() { return sessionStorage.getItem('plasmaTestChainId'); },
    get rejectNext() { return sessionStorage.getItem('plasmaTestReject') === 'yes'; },
    set rejectNext(v) { sessionStorage.setItem('plasmaTestReject', v ? 'yes' : 'no'); },
  };
  let id = 0;
  const listeners = {};
  async function forward(method, params) {
    const response = await fetch(rpc, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params: params || [] }),
    });
    const body = await response.json();
    if (body.error) {
      const e = new Error(body.error.message);
      e.code = body.error.code;
      throw e;
    }
    return body.result;
  }
  window.ethereum = {
    isPlasmaTestProvider: true,
    async request({ method, params }) {
      if (method === 'eth_requestAccounts' || method === 'eth_accounts') {
        const unlocked = await forward('eth_accounts', []);
        return unlocked.filter((a) => a.toLowerCase() === String(test.account).toLowerCase());
      }
      if (method === 'eth_chainId' && test.chainIdOverride) {
        return `0x${Number(test.chainIdOverride).toString(16)}`;
      }
      if ((method === 'eth_signTypedData_v4' || method === 'eth_sendTransaction') && test.rejectNext) {
        test.rejectNext = false;
        const e = new Error('User rejected the request.');
        e.code = 4001;
        throw e;
      }
      return forward(method, params);
    },
    on(event, fn) { (listeners[event] ||= []).push(fn); },
    removeListener() {},
  };
})();
