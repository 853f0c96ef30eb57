// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PlasmaTestBase} from "./PlasmaTestBase.sol";
import {TxEncoder} from "./TxEncoder.sol";
import {ProofChainer} from "./ProofChainer.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";
import {CompressedProof} from "../../src/lib/CompressedProof.sol";
import {Position} from "../../src/lib/Position.sol";

/// @notice The mass exit game (registered by PlasmaTestBase), and helpers to build batches: blocks whose every
///         transaction pays one owner, compressed proofs, consent signatures and the expected leaves.
abstract contract MassExitTestBase is PlasmaTestBase {
    bytes32 internal constant CONSENT_TYPEHASH =
        keccak256("MassExitConsent(uint256 position,address initiator,uint256 deadline,uint256 maxBlock)");
    /// @dev How long the consents these tests sign stay valid.
    uint256 internal constant CONSENT_TTL = 7 days;

    /// @dev A child block that holds `txs`, with the proof of every leaf.
    struct Block {
        uint256 blkNum;
        uint256 timestamp;
        bytes[] txs;
        bytes[] proofs;
    }

    /// @dev Submits `txs` as the next child block and computes every leaf's full proof.
    function _submitBlock(bytes[] memory txs) internal returns (Block memory b) {
        b.txs = txs;
        b.proofs = new bytes[](txs.length);
        bytes32 root;
        for (uint256 i = 0; i < txs.length; ++i) {
            (root, b.proofs[i]) = _tree(txs, i);
        }
        b.timestamp = block.timestamp;
        b.blkNum = _submitRoot(root);
    }

    /// @dev A block of `n` one-input, two-output payments; tx i pays `amountOf(i)` to `owners[i]` at output 0
    ///      and change to carol at output 1 (a realistic transaction size, not a minimal one).
    function _paymentBlock(address[] memory owners, uint256 firstInput) internal returns (Block memory) {
        bytes[] memory txs = new bytes[](owners.length);
        for (uint256 i = 0; i < owners.length; ++i) {
            uint256[] memory ins = new uint256[](1);
            ins[0] = firstInput + i * Position.TX_OFFSET;
            TxEncoder.Out[] memory outs = new TxEncoder.Out[](2);
            outs[0] = TxEncoder.Out(owners[i], address(0), _amountOf(i));
            outs[1] = TxEncoder.Out(carol, address(0), 1 ether + i);
            txs[i] = TxEncoder.encodeTx(1, ins, outs, bytes32(0));
        }
        return _submitBlock(txs);
    }

    function _amountOf(uint256 i) internal pure returns (uint256) {
        return 0.01 ether + i * 1 gwei;
    }

    function _same(address owner, uint256 n) internal pure returns (address[] memory owners) {
        owners = new address[](n);
        for (uint256 i = 0; i < n; ++i) owners[i] = owner;
    }

    /// @dev Item for output 0 of tx `i` of `b`, exited by its owner (no consent).
    function _item(Block memory b, uint256 i) internal pure returns (MassExitGame.MassExitItem memory) {
        return MassExitGame.MassExitItem(
            b.blkNum * Position.BLOCK_OFFSET + i * Position.TX_OFFSET, b.txs[i], CompressedProof.compress(b.proofs[i]), b.timestamp, 0, 0, ""
        );
    }

    /// @dev Chains the proofs of `items` (sorted by position) as lib/BatchProof.sol reads them: each proof after
    ///      an item of the same block leaves out the siblings the previous item's path supplies.
    function _chainProofs(MassExitGame.MassExitItem[] memory items) internal pure {
        for (uint256 k = items.length; k > 1; --k) {
            MassExitGame.MassExitItem memory item = items[k - 1];
            MassExitGame.MassExitItem memory prev = items[k - 2];
            if (item.position / Position.BLOCK_OFFSET != prev.position / Position.BLOCK_OFFSET) continue;
            item.proof = ProofChainer.chain(item.proof, (item.position % Position.BLOCK_OFFSET) / Position.TX_OFFSET, (prev.position % Position.BLOCK_OFFSET) / Position.TX_OFFSET);
        }
    }

    /// @dev Item for a deposit output (the whole proof is the empty bitmap).
    function _depositItem(uint256 position, bytes memory txBytes, Included memory inc)
        internal
        pure
        returns (MassExitGame.MassExitItem memory)
    {
        return MassExitGame.MassExitItem(position, txBytes, CompressedProof.compress(inc.proof), inc.timestamp, 0, 0, "");
    }

    /// @dev The leaf the game must store for output 0 of tx `i` of `b` (computed here from the encoding
    ///      rules, not by the game's code).
    function _leafOf(Block memory b, uint256 i, address owner) internal pure returns (MassExitGame.MassExitLeaf memory) {
        return MassExitGame.MassExitLeaf(
            b.blkNum * Position.BLOCK_OFFSET + i * Position.TX_OFFSET, keccak256(abi.encode(keccak256(b.txs[i]), uint256(0))), owner, _amountOf(i)
        );
    }

    function _depositLeaf(uint256 position, address owner, uint256 amount)
        internal
        pure
        returns (MassExitGame.MassExitLeaf memory)
    {
        return MassExitGame.MassExitLeaf(position, bytes32(position), owner, amount);
    }

    /// @dev The owner's EIP-712 MassExitConsent signature, digest built from the framework's domain.
    function _consent(uint256 key, uint256 position, address initiator, uint256 deadline, uint256 maxBlock)
        internal
        view
        returns (bytes memory)
    {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, _consentDigest(position, initiator, deadline, maxBlock));
        return abi.encodePacked(r, s, v);
    }

    function _consentDigest(uint256 position, address initiator, uint256 deadline, uint256 maxBlock)
        internal
        view
        returns (bytes32)
    {
        return keccak256(
            abi.encodePacked(
                hex"1901",
                fw.domainSeparator(),
                keccak256(abi.encode(CONSENT_TYPEHASH, position, initiator, deadline, maxBlock))
            )
        );
    }

    /// @dev The signer of a 65-byte (r, s, v) signature over `digest`; address(0) if none.
    function _recover(bytes32 digest, bytes memory sig) internal pure returns (address) {
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly {
            r := mload(add(sig, 0x20))
            s := mload(add(sig, 0x40))
            v := byte(0, mload(add(sig, 0x60)))
        }
        return ecrecover(digest, v, r, s);
    }

    /// @dev Makes `item` carry its owner's consent for `initiator`, valid for CONSENT_TTL from now, for a
    ///      batch of outputs of the blocks that exist now (the owner vouches for every one of them).
    function _consentTo(MassExitGame.MassExitItem memory item, uint256 ownerKey, address initiator) internal view {
        _consentTo(item, ownerKey, initiator, fw.nextChildBlock() - 1);
    }

    /// @dev The same, for a batch of outputs of blocks up to `maxBlock`.
    function _consentTo(MassExitGame.MassExitItem memory item, uint256 ownerKey, address initiator, uint256 maxBlock)
        internal
        view
    {
        item.consentDeadline = block.timestamp + CONSENT_TTL;
        item.consentMaxBlock = maxBlock;
        item.signature = _consent(ownerKey, item.position, initiator, item.consentDeadline, maxBlock);
    }

    function _startMass(address who, address token, MassExitGame.MassExitItem[] memory items)
        internal
        returns (uint256 batchId)
    {
        (bytes32 root, uint256 ts) = _nextHeader(items);
        vm.prank(who);
        batchId = massGame.startMassExit{value: items.length * MASS_BOND}(token, items, root, ts);
    }

    /// @dev The root and timestamp of the first child block past the tightest consent bound of `items`, as a
    ///      client reads them from the root chain's BlockSubmitted events; zeros when there is no such block
    ///      (or no consent).
    function _nextHeader(MassExitGame.MassExitItem[] memory items) internal view returns (bytes32, uint256) {
        uint256 maxBlock = type(uint256).max;
        for (uint256 i = 0; i < items.length; ++i) {
            if (items[i].signature.length != 0 && items[i].consentMaxBlock < maxBlock) {
                maxBlock = items[i].consentMaxBlock;
            }
        }
        if (maxBlock > type(uint128).max) return (bytes32(0), 0);
        uint256 next = maxBlock - maxBlock % 1000 + 1000;
        return (_rootOf[next], _timeOf[next]);
    }

    /// @dev Lets ETH exits be paid: child-block outputs in these tests are backed by this deposit.
    function _fundVault(uint256 amount) internal {
        vm.deal(address(0xF00D), amount);
        vm.prank(address(0xF00D));
        fw.depositEth{value: amount}();
    }

    function _massCommitment(address challenger, uint256 batchId, uint256 leafIndex, bytes memory spendingTx)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(challenger, batchId, leafIndex, keccak256(spendingTx)));
    }

    /// @dev Commits as `who`, mines a block, and reveals the challenge of leaf `leafIndex`.
    function _challengeLeaf(
        address who,
        uint256 batchId,
        MassExitGame.MassExitLeaf[] memory leaves,
        uint256 leafIndex,
        bytes memory spendingTx,
        bytes memory sig
    ) internal {
        vm.prank(who);
        fw.commitChallenge(_massCommitment(who, batchId, leafIndex, spendingTx));
        vm.roll(block.number + 1);
        vm.prank(who);
        massGame.challengeMassExitOutput(batchId, leaves, leafIndex, spendingTx, 0, sig);
    }
}
