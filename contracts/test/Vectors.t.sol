// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Test} from "./utils/Test.sol";
import {LibHarness} from "./utils/LibHarness.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {PlasmaFramework} from "../src/PlasmaFramework.sol";
import {PaymentTx} from "../src/lib/PaymentTx.sol";
import {MassExitHarness} from "./utils/MassExitHarness.sol";
import {ProofChainer} from "./utils/ProofChainer.sol";
import {BatchProof} from "../src/lib/BatchProof.sol";
import {MassExitGame} from "../src/games/MassExitGame.sol";
import {IPlasmaFramework} from "../src/interfaces/IPlasmaFramework.sol";

/// @notice Checks the shared test vectors written by the Java core (test/vectors/vectors.json) byte for
///         byte against the contracts: RLP decoding and re-encoding, hashes, EIP-712 digests, signatures,
///         Merkle roots and proofs, deposit transactions, positions and block commitments.
contract VectorsTest is Test {
    string internal json;
    LibHarness internal h;
    PlasmaFramework internal fw;

    function setUp() public {
        json = vm.readFile("test/vectors/vectors.json");
        h = new LibHarness();
        vm.chainId(vm.parseJsonUint(json, ".chainId"));
        // run the framework's code at the vectors' verifyingContract, so its EIP-712 domain is theirs
        address at = vm.parseJsonAddress(json, ".verifyingContract");
        PlasmaFramework deployed = new PlasmaFramework(address(1), 1 days, 1 ether, 0.1 ether);
        vm.etch(at, address(deployed).code);
        fw = PlasmaFramework(at);
    }

    function _tx(uint256 i, string memory field) internal pure returns (string memory) {
        return string.concat(".transactions[", _s(i), "].", field);
    }

    function _s(uint256 i) internal pure returns (string memory) {
        return i < 10 ? string(abi.encodePacked(bytes1(uint8(48 + i)))) : string.concat(_s(i / 10), _s(i % 10));
    }

    function test_vectorsUseTheAgreedDomain() public view {
        assertEq(vm.parseJsonUint(json, ".chainId"), block.chainid, "chain id");
    }

    function test_domainSeparator() public view {
        assertEq(fw.domainSeparator(), vm.parseJsonBytes32(json, ".domainSeparator"), "domain separator");
    }

    function test_transactions() public view {
        uint256 n = vm.parseJsonUint(json, ".transactionCount");
        assertTrue(n > 0, "no transactions");
        for (uint256 i = 0; i < n; ++i) {
            bytes memory txBytes = vm.parseJsonBytes(json, _tx(i, "txBytes"));
            _checkDecoding(i, txBytes);
            _checkHashesAndSignature(i, txBytes);
        }
    }

    function _checkDecoding(uint256 i, bytes memory txBytes) internal view {
        string memory at = string.concat("tx ", _s(i), ": ");
        PaymentTx.Transaction memory t = h.decodeTx(txBytes);
        assertEq(t.txType, vm.parseJsonUint(json, _tx(i, "txType")), string.concat(at, "txType"));
        uint256[] memory inputs = vm.parseJsonUintArray(json, _tx(i, "inputs"));
        assertEq(t.inputs.length, inputs.length, string.concat(at, "input count"));
        for (uint256 k = 0; k < inputs.length; ++k) {
            assertEq(t.inputs[k], inputs[k], string.concat(at, "input"));
        }
        TxEncoder.Out[] memory outs = _outputs(i);
        assertEq(t.outputs.length, outs.length, string.concat(at, "output count"));
        for (uint256 k = 0; k < outs.length; ++k) {
            assertEq(t.outputs[k].owner, outs[k].owner, string.concat(at, "owner"));
            assertEq(t.outputs[k].token, outs[k].token, string.concat(at, "token"));
            assertEq(t.outputs[k].amount, outs[k].amount, string.concat(at, "amount"));
        }
        bytes32 metadata = vm.parseJsonBytes32(json, _tx(i, "metadata"));
        assertEq(t.metadata, metadata, string.concat(at, "metadata"));
        assertEq(TxEncoder.encodeTx(t.txType, inputs, outs, metadata), txBytes, string.concat(at, "re-encoding"));
    }

    function _outputs(uint256 i) internal view returns (TxEncoder.Out[] memory outs) {
        address[] memory owners = vm.parseJsonAddressArray(json, _tx(i, "outputOwners"));
        address[] memory tokens = vm.parseJsonAddressArray(json, _tx(i, "outputTokens"));
        uint256[] memory amounts = vm.parseJsonUintArray(json, _tx(i, "outputAmounts"));
        outs = new TxEncoder.Out[](owners.length);
        for (uint256 k = 0; k < owners.length; ++k) {
            outs[k] = TxEncoder.Out(owners[k], tokens[k], amounts[k]);
        }
    }

    function _checkHashesAndSignature(uint256 i, bytes memory txBytes) internal view {
        string memory at = string.concat("tx ", _s(i), ": ");
        assertEq(keccak256(txBytes), vm.parseJsonBytes32(json, _tx(i, "txHash")), string.concat(at, "txHash"));
        assertEq(h.leaf(txBytes), vm.parseJsonBytes32(json, _tx(i, "leaf")), string.concat(at, "leaf"));
        bytes32 digest = fw.txDigest(txBytes);
        assertEq(digest, vm.parseJsonBytes32(json, _tx(i, "eip712Digest")), string.concat(at, "EIP-712 digest"));
        bytes memory sig = vm.parseJsonBytes(json, _tx(i, "signature"));
        assertEq(ECDSA.recover(digest, sig), vm.parseJsonAddress(json, _tx(i, "signer")), string.concat(at, "signer"));
    }

    function test_merkle() public view {
        uint256 k = vm.parseJsonUint(json, ".merkle.leafCount");
        bytes[] memory txs = vm.parseJsonBytesArray(json, ".merkle.txBytes");
        bytes[] memory proofs = vm.parseJsonBytesArray(json, ".merkle.proofs");
        bytes32 root = vm.parseJsonBytes32(json, ".merkle.root");
        assertEq(txs.length, k, "leaf count");
        assertEq(proofs.length, k, "proof count");
        for (uint256 i = 0; i < k; ++i) {
            assertEq(proofs[i].length, 512, "proof length");
            assertEq(h.rootFromProof(h.leaf(txs[i]), i, proofs[i]), root, string.concat("proof ", _s(i)));
        }
    }

    function test_deposits() public {
        uint256 d = vm.parseJsonUint(json, ".depositCount");
        assertTrue(d > 0, "no deposits");
        for (uint256 i = 0; i < d; ++i) {
            string memory p = string.concat(".deposits[", _s(i), "].");
            address owner = vm.parseJsonAddress(json, string.concat(p, "owner"));
            address token = vm.parseJsonAddress(json, string.concat(p, "token"));
            uint256 amount = vm.parseJsonUint(json, string.concat(p, "amount"));
            bytes memory txBytes = vm.parseJsonBytes(json, string.concat(p, "txBytes"));
            bytes32 root = vm.parseJsonBytes32(json, string.concat(p, "root"));
            assertEq(h.depositTxBytes(owner, token, amount), txBytes, string.concat("deposit tx ", _s(i)));
            assertEq(h.singleLeafRoot(h.leaf(txBytes)), root, string.concat("deposit root ", _s(i)));
            if (token == address(0)) {
                // the real deposit path stores the same root
                PlasmaFramework f = new PlasmaFramework(address(1), 1 days, 1 ether, 0.1 ether);
                vm.deal(owner, amount);
                vm.prank(owner);
                f.depositEth{value: amount}();
                assertEq(f.blockCommitment(1), keccak256(abi.encode(root, block.timestamp)), "deposit commitment");
            }
        }
    }

    function test_positions() public view {
        uint256 n = vm.parseJsonUint(json, ".positionCount");
        for (uint256 i = 0; i < n; ++i) {
            string memory p = string.concat(".positions[", _s(i), "].");
            uint256 blkNum = vm.parseJsonUint(json, string.concat(p, "blkNum"));
            uint256 txIndex = vm.parseJsonUint(json, string.concat(p, "txIndex"));
            uint256 outputIndex = vm.parseJsonUint(json, string.concat(p, "outputIndex"));
            uint256 position = vm.parseJsonUint(json, string.concat(p, "position"));
            assertEq(h.encodePosition(blkNum, txIndex, outputIndex), position, "encode");
            (uint256 b, uint256 t, uint256 o) = h.decodePosition(position);
            assertEq(b, blkNum, "blkNum");
            assertEq(t, txIndex, "txIndex");
            assertEq(o, outputIndex, "outputIndex");
        }
    }

    function test_blockCommitments() public {
        // the file has no commitment count: read entries until the index runs past the array
        uint256 checked;
        for (uint256 i = 0; i < 100; ++i) {
            string memory p = string.concat(".commitments[", _s(i), "].");
            bytes32 root;
            try vm.parseJsonBytes32(json, string.concat(p, "root")) returns (bytes32 r) {
                root = r;
            } catch {
                break;
            }
            ++checked;
            uint256 timestamp = vm.parseJsonUint(json, string.concat(p, "timestamp"));
            bytes32 commitment = vm.parseJsonBytes32(json, string.concat(p, "commitment"));
            assertEq(keccak256(abi.encode(root, timestamp)), commitment, "commitment formula");
            PlasmaFramework f = new PlasmaFramework(address(this), 1 days, 1 ether, 0.1 ether);
            vm.warp(timestamp);
            f.submitBlock(root);
            assertEq(f.blockCommitment(1000), commitment, "stored commitment");
        }
        assertTrue(checked > 0, "no commitments");
    }

    // ---- mass exits (section "massExit", docs/protocol.md 7) ----

    function _m(string memory list, uint256 i, string memory field) internal pure returns (string memory) {
        return string.concat(".massExit.", list, "[", _s(i), "].", field);
    }

    function test_massExit_compressedProofs() public {
        MassExitHarness m = new MassExitHarness();
        uint256 n = vm.parseJsonUint(json, ".massExit.proofCount");
        assertTrue(n > 0, "no proofs");
        for (uint256 i = 0; i < n; ++i) {
            bytes memory compressed = vm.parseJsonBytes(json, _m("proofs", i, "compressed"));
            bytes32 root = m.rootFromCompressed(
                vm.parseJsonBytes32(json, _m("proofs", i, "leaf")), vm.parseJsonUint(json, _m("proofs", i, "index")), compressed
            );
            assertEq(root, vm.parseJsonBytes32(json, _m("proofs", i, "root")), string.concat("root ", _s(i)));
            assertEq(m.compress(vm.parseJsonBytes(json, _m("proofs", i, "proof"))), compressed, string.concat("compress ", _s(i)));
        }
    }

    /// @dev Java's chained proofs (core.exit.ChainedProof) walk to the block's root in BatchProof, the first
    ///      alone and every later one joining the path before it; the forge helper chains them the same way.
    function test_massExit_chainedProofs() public {
        (bytes32[] memory leaves, uint256[] memory indices, bytes[] memory proofs) = _chainedVectors();
        MassExitHarness m = new MassExitHarness();
        bytes32[] memory roots = m.walkChained(leaves, indices, proofs);
        bytes32 root = vm.parseJsonBytes32(json, ".massExit.chained.root");
        assertEq(roots[0], root, "the first leaf's plain proof");
        for (uint256 i = 1; i < roots.length; ++i) {
            assertTrue(roots[i] == 0 || roots[i] == root, string.concat("joined or the root ", _s(i)));
        }
        // a later leaf with a wrong sibling does not join
        proofs[4] = abi.encodePacked(bytes2(0x0001), keccak256("not leaf 4"));
        vm.expectRevert(abi.encodeWithSelector(BatchProof.PathMismatch.selector, 5, 3));
        m.walkChained(leaves, indices, proofs);
    }

    function _chainedVectors()
        internal
        view
        returns (bytes32[] memory leaves, uint256[] memory indices, bytes[] memory proofs)
    {
        uint256 n = vm.parseJsonUint(json, ".massExit.chained.count");
        leaves = new bytes32[](n);
        indices = new uint256[](n);
        proofs = new bytes[](n);
        for (uint256 i = 0; i < n; ++i) {
            leaves[i] = vm.parseJsonBytes32(json, _m("chained.items", i, "leaf"));
            indices[i] = vm.parseJsonUint(json, _m("chained.items", i, "index"));
            proofs[i] = vm.parseJsonBytes(json, _m("chained.items", i, "chained"));
            if (i > 0) {
                bytes memory full = vm.parseJsonBytes(json, _m("chained.items", i, "compressed"));
                assertEq(ProofChainer.chain(full, indices[i], indices[i - 1]), proofs[i], string.concat("chained ", _s(i)));
            }
        }
    }

    function test_massExit_outputKeys() public {
        MassExitHarness m = new MassExitHarness();
        uint256 n = vm.parseJsonUint(json, ".massExit.outputKeyCount");
        for (uint256 i = 0; i < n; ++i) {
            bytes memory txBytes = vm.parseJsonBytes(json, _m("outputKeys", i, "txBytes"));
            uint256 outputIndex = vm.parseJsonUint(json, _m("outputKeys", i, "outputIndex"));
            bool hasInputs = vm.parseJsonUint(json, _m("outputKeys", i, "hasInputs")) == 1;
            assertTrue((m.inputCount(txBytes, outputIndex) != 0) == hasInputs, string.concat("inputs ", _s(i)));
            bytes32 key = m.outputKey(txBytes, hasInputs, vm.parseJsonUint(json, _m("outputKeys", i, "position")), outputIndex);
            assertEq(key, vm.parseJsonBytes32(json, _m("outputKeys", i, "key")), string.concat("key ", _s(i)));
        }
    }

    function test_massExit_consentDigestAndSignature() public {
        MassExitGame game = new MassExitGame(IPlasmaFramework(address(fw)), 1, 0);
        assertEq(game.CONSENT_TYPEHASH(), vm.parseJsonBytes32(json, ".massExit.consent.typehash"), "typehash");
        bytes32 digest = game.consentDigest(
            vm.parseJsonUint(json, ".massExit.consent.position"),
            vm.parseJsonAddress(json, ".massExit.consent.initiator"),
            vm.parseJsonUint(json, ".massExit.consent.deadline"),
            vm.parseJsonUint(json, ".massExit.consent.maxBlock")
        );
        assertEq(digest, vm.parseJsonBytes32(json, ".massExit.consent.digest"), "consent digest");
        (address signer,,) = ECDSA.tryRecover(digest, vm.parseJsonBytes(json, ".massExit.consent.signature"));
        assertEq(signer, vm.parseJsonAddress(json, ".massExit.consent.signer"), "consent signer");
    }

    function test_massExit_leavesHash() public view {
        uint256 n = vm.parseJsonUint(json, ".massExit.batch.count");
        uint256[] memory positions = vm.parseJsonUintArray(json, ".massExit.batch.positions");
        address[] memory owners = vm.parseJsonAddressArray(json, ".massExit.batch.owners");
        uint256[] memory amounts = vm.parseJsonUintArray(json, ".massExit.batch.amounts");
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](n);
        for (uint256 i = 0; i < n; ++i) {
            bytes32 key = vm.parseJsonBytes32(json, string.concat(".massExit.batch.outputKeys[", _s(i), "]"));
            leaves[i] = MassExitGame.MassExitLeaf(positions[i], key, owners[i], amounts[i]);
        }
        assertEq(keccak256(abi.encode(leaves)), vm.parseJsonBytes32(json, ".massExit.batch.leavesHash"), "leaves hash");
    }
}
