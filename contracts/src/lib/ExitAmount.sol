// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title ExitAmount
/// @notice The largest amount any exit game records (docs/protocol.md 5.3). An operator can put any
///         amount into a block, up to 2^256 − 1, but no vault can ever hold 2^192 of anything; refusing
///         such amounts at the start keeps every sum the queue computes later (amount plus bond refund,
///         a batch's total, credits to `withdrawable`) far from overflow, so no entry can make
///         `processExits` revert.
library ExitAmount {
    /// @notice An amount of 2^192 or more: no deposit could ever have funded it.
    error AmountTooLarge(uint256 amount);

    function check(uint256 amount) internal pure {
        if (amount >> 192 != 0) revert AmountTooLarge(amount);
    }
}
