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
        return fromTxHash(keccak256(txBytes), hasInputs, position, outputIndex);
    }

    /// @notice `compute` from `keccak256(txBytes)`, for a caller that hashed the transaction already.
    function fromTxHash(bytes32 txHash, bool hasInputs, uint256 position, uint256 outputIndex)
        internal
        pure
        returns (bytes32 key)
    {
        if (!hasInputs) return bytes32(position);
        assembly ("memory-safe") {
            // keccak256(abi.encode(txHash, outputIndex)) in scratch space
            mstore(0, txHash)
            mstore(0x20, outputIndex)
            key := keccak256(0, 0x40)
        }
    }
}
