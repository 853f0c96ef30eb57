// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {IPlasmaFramework} from "../interfaces/IPlasmaFramework.sol";
import {Merkle} from "../lib/Merkle.sol";
import {PaymentTx} from "../lib/PaymentTx.sol";
import {PaymentEip712} from "../lib/PaymentEip712.sol";

/// @title ExitGameBase
/// @notice What every exit game in its own contract needs from the framework: inclusion proofs against
///         block commitments, child-chain signatures under the framework's EIP-712 domain, and challenges
///         bound to msg.sender through the framework's commit-reveal registry.
abstract contract ExitGameBase {
    /// @notice Only the framework may call this.
    error NotFramework();
    /// @notice The block is unknown (no commitment stored for it).
    error UnknownBlock(uint256 blkNum);
    /// @notice The proof, transaction and timestamp do not match the block commitment.
    error CommitmentMismatch(uint256 blkNum);
    /// @notice The signature is malformed or malleable (high s, bad v, wrong length).
    error BadSignature();
    /// @notice No matching commitment was made by the caller (framework.commitChallenge first).
    error NoCommitment();
    /// @notice The commitment was made in this block; reveal at least one block later.
    error CommitmentTooRecent();

    IPlasmaFramework public immutable framework;

    constructor(IPlasmaFramework framework_) {
        framework = framework_;
    }

    modifier onlyFramework() {
        if (msg.sender != address(framework)) revert NotFramework();
        _;
    }

    /// @dev Reverts unless `txBytes` is leaf `txIndex` of block `blkNum` with the given timestamp.
    function _requireIncluded(
        uint256 blkNum,
        bytes memory txBytes,
        uint256 txIndex,
        bytes memory proof,
        uint256 blockTimestamp
    ) internal view {
        bytes32 stored = framework.blockCommitment(blkNum);
        if (stored == 0) revert UnknownBlock(blkNum);
        bytes32 root = Merkle.rootFromProof(Merkle.leaf(txBytes), txIndex, proof);
        if (keccak256(abi.encode(root, blockTimestamp)) != stored) revert CommitmentMismatch(blkNum);
    }

    /// @dev The address that signed transaction `t` (EIP-712 under the framework's domain).
    function _signerOf(PaymentTx.Transaction memory t, bytes memory signature) internal view returns (address) {
        return _recover(PaymentEip712.hashTx(t), signature);
    }

    /// @dev Recovers the signer of an EIP-712 struct hash under the framework's domain.
    function _recover(bytes32 structHash, bytes memory signature) internal view returns (address signer) {
        bytes32 digest = MessageHashUtils.toTypedDataHash(framework.domainSeparator(), structHash);
        ECDSA.RecoverError err;
        (signer, err,) = ECDSA.tryRecover(digest, signature);
        if (err != ECDSA.RecoverError.NoError) revert BadSignature();
    }

    /// @dev A challenge (or response) that pays msg.sender must have been committed, as
    ///      `framework.commitChallenge(commitment)`, at least one block before.
    function _requireCommitment(bytes32 commitment) internal view {
        uint256 committedAt = framework.challengeCommitments(commitment);
        if (committedAt == 0) revert NoCommitment();
        if (committedAt >= block.number) revert CommitmentTooRecent();
    }
}
