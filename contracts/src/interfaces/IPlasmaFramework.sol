// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title IPlasmaFramework
/// @notice What a registered exit game (in-flight exits, mass exits) may read from and ask of the
///         framework. The framework keeps custody and the per-token queues; a game keeps its own records
///         and bonds' bookkeeping, but every wei lives in the framework's vault.
interface IPlasmaFramework {
    /// @notice keccak256(abi.encode(root, timestamp)) of a block, zero if unknown.
    function blockCommitment(uint256 blkNum) external view returns (bytes32);

    /// @notice Root of a child block's coin tree (Plasma Cash); zero when the block has no coin transfer.
    function coinRoot(uint256 blkNum) external view returns (bytes32);

    /// @notice The number the next child block will get.
    function nextChildBlock() external view returns (uint256);

    /// @notice Minimum exit period (MEP) in seconds.
    function minExitPeriod() external view returns (uint256);

    /// @notice Root-chain block number at which a challenge commitment was made (0 if never).
    /// @dev Every game binds its challenges to msg.sender through this one commit-reveal registry.
    function challengeCommitments(bytes32 commitment) external view returns (uint256 blockNumber);

    /// @notice The EIP-712 domain separator every child-chain signature is made under.
    function domainSeparator() external view returns (bytes32);

    /// @notice True once an exit of the output with this key was paid (docs/protocol.md, output keys).
    function isOutputExited(bytes32 outputKey) external view returns (bool);

    /// @notice Queues an exit of the calling game in `token`'s queue; the entry kind is the game's kind.
    function enqueueExit(address token, uint256 exitableAt, uint256 position, uint256 id) external;

    /// @notice Marks the output exited; returns false (and changes nothing) if it already was.
    function flagOutputExited(bytes32 outputKey) external returns (bool newlyFlagged);

    /// @notice Pays `amount` of `token` (zero address = ETH) from the vault; never reverts (a failed push
    ///         is credited to `withdrawable`).
    function payout(address to, address token, uint256 amount) external;

    /// @notice Bonds (ETH) a game received; they join the vault's ETH so payout can return them.
    function depositBond() external payable;
}
