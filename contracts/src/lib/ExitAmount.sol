// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title ExitAmount
/// @notice The largest amount any exit game records (docs/protocol.md section 5). An operator can put any
///         amount into a block, up to 2^256 − 1, but 2^192 (about 6·10^57 base units) is beyond the
///         supply of ETH or of any real token, so an honest output never comes near it. Refusing such
///         amounts at the start keeps every sum the queue computes later (amount plus bond refund, a
///         batch's total, credits to `withdrawable`) far from overflow, so no entry can make
///         `processExits` revert.
library ExitAmount {
    /// @notice An amount of 2^192 or more: beyond any real supply, so only a forged output holds it.
    error AmountTooLarge(uint256 amount);

    function check(uint256 amount) internal pure {
        if (amount >> 192 != 0) revert AmountTooLarge(amount);
    }
}
