// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title FeeOnTransferToken
/// @notice Test token that burns 1% of every transfer, and can refuse transfers to blocked accounts
///         (like a blacklisting stablecoin). Used to test balance-delta deposits and failed payouts.
contract FeeOnTransferToken is ERC20 {
    error Blocked(address account);

    uint256 public constant FEE_BPS = 100;
    mapping(address account => bool) public blocked;

    constructor() ERC20("Fee On Transfer", "FOT") {}

    /// @notice Mints without fee; open to everyone (test only).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Blocks or unblocks transfers to `account`.
    function setBlocked(address account, bool isBlocked) external {
        blocked[account] = isBlocked;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (blocked[to]) revert Blocked(to);
        if (from == address(0) || to == address(0)) {
            super._update(from, to, value);
            return;
        }
        uint256 fee = value * FEE_BPS / 10_000;
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
