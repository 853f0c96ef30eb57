// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice A token whose every transfer reverts while it is paused (like a stablecoin under an emergency
///         pause). Anyone may mint and pause: in tests the pauser is whoever the scenario says it is.
contract PausableToken is ERC20 {
    error TokenPaused();

    bool public paused;

    constructor() ERC20("Pausable", "PAUSE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setPaused(bool value) external {
        paused = value;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (paused) revert TokenPaused();
        super._update(from, to, value);
    }
}

/// @notice A token that reverts transfers from or to blocked accounts (a blacklisting stablecoin), and can
///         answer `false` instead of reverting, which a careless caller would read as success.
contract BlocklistToken is ERC20 {
    error Blocked(address account);

    mapping(address account => bool) public blocked;
    bool public returnsFalse;

    constructor() ERC20("Blocklist", "BLOCK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setBlocked(address account, bool value) external {
        blocked[account] = value;
    }

    /// @notice While set, a transfer touching a blocked account returns false instead of reverting.
    function setReturnsFalse(bool value) external {
        returnsFalse = value;
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        if (returnsFalse && (blocked[msg.sender] || blocked[to])) return false;
        return super.transfer(to, value);
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (returnsFalse && (blocked[from] || blocked[to])) return false;
        return super.transferFrom(from, to, value);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (blocked[from]) revert Blocked(from);
        if (blocked[to]) revert Blocked(to);
        super._update(from, to, value);
    }
}

/// @notice A token whose transfer, transferFrom and approve return nothing (like USDT on mainnet): callers
///         that decode a bool from them revert.
contract NoReturnToken {
    error InsufficientBalance();
    error InsufficientAllowance();

    string public constant name = "No Return";
    string public constant symbol = "NORET";
    uint8 public constant decimals = 18;
    uint256 public totalSupply;
    mapping(address account => uint256) public balanceOf;
    mapping(address owner => mapping(address spender => uint256)) public allowance;

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
        totalSupply += amount;
    }

    function approve(address spender, uint256 amount) external {
        allowance[msg.sender][spender] = amount;
    }

    function transfer(address to, uint256 amount) external {
        _move(msg.sender, to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) external {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed < amount) revert InsufficientAllowance();
        if (allowed != type(uint256).max) allowance[from][msg.sender] = allowed - amount;
        _move(from, to, amount);
    }

    function _move(address from, address to, uint256 amount) private {
        if (balanceOf[from] < amount) revert InsufficientBalance();
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
    }
}

/// @notice The receive hook `CallbackToken` calls (ERC-777's `tokensReceived`).
interface ITokensRecipient {
    function tokensReceived(address from, address to, uint256 amount) external;
}

/// @notice An ERC-777-like token: a transfer to an account that registered a receive hook (as ERC-1820 lets
///         any account, an externally owned one too, do) calls that hook after the balances moved, with the
///         gas the caller gave the transfer. Whoever pays in it hands the payee control.
contract CallbackToken is ERC20 {
    mapping(address account => address hook) public hookOf;

    constructor() ERC20("Callback", "CALL") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setHook(address hook) external {
        hookOf[msg.sender] = hook;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address hook = hookOf[to];
        if (from != address(0) && hook != address(0)) ITokensRecipient(hook).tokensReceived(from, to, value);
    }
}
