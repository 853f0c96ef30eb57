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

    /// @notice True once an exit of the output with this key was paid, or took its payout from the vault
    ///         while still holding it (`markExitPaid`) (docs/protocol.md, output keys).
    function isOutputExited(bytes32 outputKey) external view returns (bool);

    /// @notice Queues an exit of the calling game in `token`'s queue; the entry kind is the game's kind.
    function enqueueExit(address token, uint256 exitableAt, uint256 position, uint256 id) external;

    /// @notice Reserves outputs for the calling game's exit `id`: each must be free (neither held by an
    ///         open exit of any game nor exited), else the call reverts `OutputReserved` /
    ///         `OutputAlreadyExited`. An output is in at most one open exit at a time.
    function reserveOutputs(bytes32[] calldata outputKeys, uint256 id) external;

    /// @notice Frees an output the calling game's exit `id` holds (challenged away, or its side not paid):
    ///         true; false, and nothing changes, if that exit does not hold it.
    function releaseOutput(bytes32 outputKey, uint256 id) external returns (bool released);

    /// @notice The calling game's exit `id` is paying the output: true, and the output is marked exited,
    ///         if that exit holds it; false if it does not (then nothing may be paid for it).
    function exitOutput(bytes32 outputKey, uint256 id) external returns (bool paid);

    /// @notice Marks the output exited whoever holds it (a canonical in-flight transaction spent it);
    ///         returns false (and changes nothing) if it already was, or if the exit holding it was paid
    ///         (`markExitPaid`). The exit that held it books `amount` (the output's) as taken from it.
    function flagOutputExited(bytes32 outputKey, uint256 amount) external returns (bool newlyFlagged);

    /// @notice The calling game's exit `id` takes its payout from the vault now, before it marks the outputs
    ///         it holds exited one by one (`exitOutput`): from here on they count as exited. Returns the
    ///         amount canonical in-flight spends took from it before (`takenFrom`).
    function markExitPaid(uint256 id) external returns (uint256 taken);

    /// @notice The amount of the outputs the calling game's exit `id` held that canonical in-flight
    ///         transactions spent meanwhile (that exit pays none of them).
    function takenFrom(uint256 id) external view returns (uint256);

    /// @notice What a failed push credited to `owner` in `token` (pulled with `withdraw`/`withdrawAmount`).
    function withdrawable(address owner, address token) external view returns (uint256);

    /// @notice Pulls `amount` of the caller's `withdrawable` balance in `token` (reverts if the transfer
    ///         still fails).
    function withdrawAmount(address token, uint256 amount) external;

    /// @notice Pays `amount` of `token` (zero address = ETH) an exit owes, if the vault holds it beside its
    ///         credits and bonds (else `PayoutShort`), and `bond` wei of the bonds held (a part beyond them from
    ///         the free ETH the amount left, the rest `PayoutShort`), in one push when both are ETH; never
    ///         reverts (a failed push is credited to `withdrawable`).
    function payout(address to, address token, uint256 amount, uint256 bond) external;

    /// @notice Pays min(`amount`, what the vault holds beyond its credits and, for ETH, its bonds) of `token`;
    ///         never reverts. Returns what was sent or credited (the rest is reported `PayoutShort`).
    function payoutUpTo(address to, address token, uint256 amount) external returns (uint256 sent);

    /// @notice Bonds (ETH) a game received: the vault holds them apart (`bondsHeld`), no exit can be paid
    ///         from them, and `payout`'s `bond` pays them back out.
    function depositBond() external payable;

    /// @notice ETH a game held for exits and did not pay goes back to the vault (not a bond).
    function returnToVault() external payable;
}
