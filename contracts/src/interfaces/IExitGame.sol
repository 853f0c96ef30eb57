// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title IExitGame
/// @notice An exit game registered with the framework. The framework calls it, inside `processExits`,
///         for every queue entry of its kind that reaches the head of a token's queue.
interface IExitGame {
    /// @notice Pays out (through `IPlasmaFramework.payout`) what the entry owes for `token`.
    /// @dev Must not revert for an entry the game itself queued. The framework catches a revert and defers
    ///      the entry (`ExitDeferred`) until someone retries it (`retryExit`), so a revert never stalls the
    ///      token's queue, but it does let the entries behind it be paid first.
    /// @return bounty Wei of bond the framework pays to the processor (the game must not pay it itself).
    function finalizeExit(address token, uint256 position, uint256 id) external returns (uint256 bounty);
}
