// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Pausable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Pausable.sol";

/// @notice A token whose every transfer reverts (`EnforcedPause()`) while it is paused, like a stablecoin
///         under an emergency stop. Anyone may mint, pause and unpause (test only).
contract PausableErc20 is ERC20Pausable {
    constructor() ERC20("Pausable", "PAUSE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function pause() external {
        _pause();
    }

    function unpause() external {
        _unpause();
    }
}
