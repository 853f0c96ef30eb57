// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title DevToken
/// @notice A plain ERC20 for devnets and demos. Anyone may mint: it has no value by design.
contract DevToken is ERC20 {
    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) {}

    /// @notice Mints `amount` to `to`; open to everyone (devnet faucet).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
