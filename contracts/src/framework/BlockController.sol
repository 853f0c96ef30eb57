// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title BlockController
/// @notice Child block and deposit block commitments (docs/protocol.md sections 1 and 3).
/// @dev One storage slot per block: `keccak256(abi.encode(root, timestamp))`. Root and timestamp live in
///      events and come back in calldata when someone proves inclusion, which keeps submitBlock cheap.
abstract contract BlockController {
    /// @notice The caller is not the operator.
    error NotOperator();
    /// @notice All 999 deposit block numbers before the next child block are taken.
    error TooManyDeposits();
    /// @notice The operator address is zero.
    error ZeroOperator();
    /// @notice Child block `blkNum`, or a deposit after it, could hold outputs beyond the largest position
    ///         (docs/protocol.md section 1): the chain is full and takes no more child blocks.
    error PositionSpaceExhausted(uint256 blkNum);

    /// @notice A child block was committed.
    event BlockSubmitted(uint256 indexed blkNum, bytes32 root, uint256 timestamp);
    /// @notice A child block also commits to a coin tree (Plasma Cash, docs/protocol.md section 9).
    event CoinRootSubmitted(uint256 indexed blkNum, bytes32 coinRoot);

    uint256 public constant CHILD_BLOCK_INTERVAL = 1000;
    /// @notice The last child block: it and the 999 deposit blocks after it still have positions below
    ///         `Position.MAX_POSITION` (2^63 − 1) for every tx and output index, so each output stays exitable.
    uint256 public constant LAST_CHILD_BLOCK = 9_223_372_035_000;

    /// @notice The only account that may submit child blocks.
    address public immutable operator;

    mapping(uint256 blkNum => bytes32 commitment) private _blocks;
    /// @dev Only blocks that carry a coin transfer have an entry; every other block's coin root is zero.
    mapping(uint256 blkNum => bytes32 root) private _coinRoots;

    /// @dev `nextChildBlock` (low 128 bits) and the next deposit index (high 128 bits) share one slot, so
    ///      a submission reads and writes one warm-able slot besides the new commitment.
    uint256 private _counters;

    constructor(address operator_) {
        if (operator_ == address(0)) revert ZeroOperator();
        operator = operator_;
        _counters = (uint256(1) << 128) | CHILD_BLOCK_INTERVAL;
    }

    /// @notice Commits the next child block (1000, 2000, ...) and resets the deposit numbering.
    /// @param root Merkle root of the block's unsigned transactions.
    function submitBlock(bytes32 root) external {
        _submitChildBlock(root);
    }

    /// @notice Commits the next child block together with the root of its coin tree (depth-64 sparse
    ///         Merkle tree keyed by slot). A zero coin root stores nothing: the block carries no transfer.
    /// @param root Merkle root of the block's unsigned transactions.
    /// @param coinRoot_ Root of the block's coin tree.
    function submitBlockWithCoins(bytes32 root, bytes32 coinRoot_) external {
        uint256 blkNum = _submitChildBlock(root);
        if (coinRoot_ != 0) _coinRoots[blkNum] = coinRoot_;
        emit CoinRootSubmitted(blkNum, coinRoot_);
    }

    /// @notice The coin root of a child block; zero for blocks without coin transfers (and unknown blocks).
    function coinRoot(uint256 blkNum) external view returns (bytes32) {
        return _coinRoots[blkNum];
    }

    function _submitChildBlock(bytes32 root) private returns (uint256 blkNum) {
        if (msg.sender != operator) revert NotOperator();
        blkNum = uint128(_counters);
        if (blkNum > LAST_CHILD_BLOCK) revert PositionSpaceExhausted(blkNum);
        _blocks[blkNum] = _commitment(root, block.timestamp);
        _counters = (uint256(1) << 128) | (blkNum + CHILD_BLOCK_INTERVAL);
        emit BlockSubmitted(blkNum, root, block.timestamp);
    }

    /// @notice The number the next child block will get.
    function nextChildBlock() external view returns (uint256) {
        return uint128(_counters);
    }

    /// @notice The number the next deposit block will get.
    function nextDepositBlock() external view returns (uint256) {
        uint256 c = _counters;
        return uint128(c) - CHILD_BLOCK_INTERVAL + (c >> 128);
    }

    /// @notice `keccak256(abi.encode(root, timestamp))` of a block, zero if there is no such block.
    function blockCommitment(uint256 blkNum) public view returns (bytes32) {
        return _blocks[blkNum];
    }

    /// @dev Records a deposit block and returns its number.
    function _submitDepositBlock(bytes32 root) internal returns (uint256 blkNum) {
        uint256 c = _counters;
        uint256 index = c >> 128;
        if (index >= CHILD_BLOCK_INTERVAL) revert TooManyDeposits();
        blkNum = uint128(c) - CHILD_BLOCK_INTERVAL + index;
        _blocks[blkNum] = _commitment(root, block.timestamp);
        _counters = c + (uint256(1) << 128);
    }

    function _commitment(bytes32 root, uint256 time) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            mstore(0x00, root)
            mstore(0x20, time)
            h := keccak256(0x00, 0x40)
        }
    }
}
