// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title OutputKey
/// @notice The one identity of an output across every exit game, under which the framework keeps whether it is
///         free, held by one open exit, or exited (docs/protocol.md section 5, output keys).
/// @dev Outputs of transactions with inputs are keyed by their transaction, so an in-flight transaction's
///      outputs have the same key whether they exit by position (standard or mass exit) or by piggyback.
///      Transactions without inputs (deposits, fee transactions) can repeat byte for byte, so their outputs
///      are keyed by position instead.
library OutputKey {
    /// @notice Key of output `outputIndex` of `txBytes` at `position` (`position` ignored for txs with inputs).
    function compute(bytes memory txBytes, bool hasInputs, uint256 position, uint256 outputIndex)
        internal
        pure
        returns (bytes32)
    {
        if (!hasInputs) return bytes32(position);
        return keccak256(abi.encode(keccak256(txBytes), outputIndex));
    }
}
