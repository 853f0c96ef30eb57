// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title Position
/// @notice Output positions: `blkNum * 1e6 + txIndex * 10 + outputIndex` (docs/protocol.md section 1).
library Position {
    /// @notice The position names no possible output (tx index beyond the tree, output index above 3,
    ///         or a block number too large to be real).
    error InvalidPosition(uint256 position);

    /// @dev Each offset is the smallest power of ten above everything below it (output index <= 3; tx index
    ///      and output index together <= 655_353): positions stay readable in decimal and as many blocks as
    ///      possible fit 63 bits.
    uint256 internal constant BLOCK_OFFSET = 1_000_000;
    uint256 internal constant TX_OFFSET = 10;
    uint256 internal constant MAX_TX_INDEX = 65_535;
    uint256 internal constant MAX_OUTPUT_INDEX = 3;
    /// @dev Positions must fit in a Java `long` and in the 64-bit field of an exit priority.
    uint256 internal constant MAX_POSITION = type(uint64).max >> 1;
    uint256 internal constant CHILD_BLOCK_INTERVAL = 1000;

    /// @notice Builds a position; reverts on out-of-range parts.
    function encode(uint256 blkNum, uint256 txIndex, uint256 outputIndex) internal pure returns (uint256 position) {
        if (txIndex > MAX_TX_INDEX || outputIndex > MAX_OUTPUT_INDEX) revert InvalidPosition(0);
        position = blkNum * BLOCK_OFFSET + txIndex * TX_OFFSET + outputIndex;
        if (position > MAX_POSITION) revert InvalidPosition(position);
    }

    /// @notice Splits a position; reverts if it cannot name an output.
    function decode(uint256 position) internal pure returns (uint256 blkNum, uint256 txIndex, uint256 outputIndex) {
        if (position > MAX_POSITION) revert InvalidPosition(position);
        blkNum = position / BLOCK_OFFSET;
        txIndex = (position % BLOCK_OFFSET) / TX_OFFSET;
        outputIndex = position % TX_OFFSET;
        if (blkNum == 0 || txIndex > MAX_TX_INDEX || outputIndex > MAX_OUTPUT_INDEX) revert InvalidPosition(position);
    }

    /// @notice Whether `position` names a possible output: `decode` would accept it. Transaction inputs
    ///         must (docs/protocol.md section 2.1), so that both decoders refuse the same bytes.
    function isValid(uint256 position) internal pure returns (bool) {
        if (position > MAX_POSITION || position < BLOCK_OFFSET) return false;
        uint256 rest = position % BLOCK_OFFSET;
        return rest / TX_OFFSET <= MAX_TX_INDEX && rest % TX_OFFSET <= MAX_OUTPUT_INDEX;
    }

    /// @notice Deposit blocks take the numbers between child blocks.
    function isDeposit(uint256 blkNum) internal pure returns (bool) {
        return blkNum % CHILD_BLOCK_INTERVAL != 0;
    }
}
