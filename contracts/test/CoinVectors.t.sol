// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "./utils/Test.sol";
import {CoinHarness} from "./utils/CoinHarness.sol";
import {CoinEncoder} from "./utils/CoinEncoder.sol";
import {PlasmaFramework} from "../src/PlasmaFramework.sol";
import {CoinTransfer} from "../src/lib/CoinTransfer.sol";
import {CoinTree} from "../src/lib/CoinTree.sol";

/// @notice Checks the "coin" section of the shared vectors (written by the Java core) byte for byte against
///         the contracts' coin libraries: transfer bytes, hashes, EIP-712 digests under the framework's
///         domain, and compressed coin-tree proofs (docs/protocol.md section 9).
contract CoinVectorsTest is Test {
    string internal json;
    CoinHarness internal h;
    PlasmaFramework internal fw;

    function setUp() public {
        json = vm.readFile("test/vectors/vectors.json");
        h = new CoinHarness();
        vm.chainId(vm.parseJsonUint(json, ".chainId"));
        // the framework's code at the vectors' verifyingContract, so its EIP-712 domain is theirs
        address at = vm.parseJsonAddress(json, ".verifyingContract");
        PlasmaFramework deployed = new PlasmaFramework(address(1), 1 days, 1 ether, 0.1 ether);
        vm.etch(at, address(deployed).code);
        fw = PlasmaFramework(at);
    }

    function _key(string memory list, uint256 i, string memory field) internal pure returns (string memory) {
        return string.concat(".coin.", list, "[", _s(i), "].", field);
    }

    function _s(uint256 i) internal pure returns (string memory) {
        return i < 10 ? string(abi.encodePacked(bytes1(uint8(48 + i)))) : string.concat(_s(i / 10), _s(i % 10));
    }

    function test_coinTransfers() public view {
        uint256 n = vm.parseJsonUint(json, ".coin.transferCount");
        assertTrue(n > 0, "no transfers");
        for (uint256 i = 0; i < n; ++i) {
            _checkTransfer(i);
        }
    }

    function _checkTransfer(uint256 i) internal view {
        string memory at = string.concat("transfer ", _s(i), ": ");
        bytes memory txBytes = vm.parseJsonBytes(json, _key("transfers", i, "txBytes"));
        uint64 slot = uint64(vm.parseJsonUint(json, _key("transfers", i, "slot")));
        uint64 prevBlock = uint64(vm.parseJsonUint(json, _key("transfers", i, "prevBlock")));
        address newOwner = vm.parseJsonAddress(json, _key("transfers", i, "newOwner"));
        assertEq(txBytes.length, 36, string.concat(at, "36 bytes"));
        assertEq(h.encode(slot, prevBlock, newOwner), txBytes, string.concat(at, "encoding"));
        assertEq(CoinEncoder.transfer(slot, prevBlock, newOwner), txBytes, string.concat(at, "test encoding"));
        CoinTransfer.Transfer memory t = h.decode(txBytes);
        assertEq(t.slot, slot, string.concat(at, "decoded slot"));
        assertEq(t.prevBlock, prevBlock, string.concat(at, "decoded prevBlock"));
        assertEq(t.newOwner, newOwner, string.concat(at, "decoded newOwner"));
        assertEq(keccak256(txBytes), vm.parseJsonBytes32(json, _key("transfers", i, "txHash")), string.concat(at, "txHash"));
        assertEq(h.leafHash(txBytes), vm.parseJsonBytes32(json, _key("transfers", i, "leafHash")), string.concat(at, "leaf"));
        assertEq(
            h.structHash(txBytes), vm.parseJsonBytes32(json, _key("transfers", i, "structHash")), string.concat(at, "struct")
        );
        assertEq(
            h.digest(fw.domainSeparator(), txBytes),
            vm.parseJsonBytes32(json, _key("transfers", i, "digest")),
            string.concat(at, "digest")
        );
    }

    function test_coinProofs() public view {
        uint256 n = vm.parseJsonUint(json, ".coin.proofCount");
        assertTrue(n > 0, "no proofs");
        bool sawEmptyTree;
        bool sawExclusion;
        for (uint256 i = 0; i < n; ++i) {
            string memory at = string.concat("proof ", _s(i), ": ");
            uint64 slot = uint64(vm.parseJsonUint(json, _key("proofs", i, "slot")));
            bytes32 leaf = vm.parseJsonBytes32(json, _key("proofs", i, "leaf"));
            bytes32 root = vm.parseJsonBytes32(json, _key("proofs", i, "root"));
            bytes memory proof = vm.parseJsonBytes(json, _key("proofs", i, "proof"));
            assertEq(h.rootFromProof(slot, leaf, proof), root, string.concat(at, "root"));
            if (root == 0) sawEmptyTree = true;
            if (leaf == 0 && root != 0) sawExclusion = true;
            // another leaf (or a present leaf where the vector proves absence) never recomputes the root
            if (root != 0) {
                bytes32 other = leaf == 0 ? keccak256("present") : bytes32(uint256(leaf) ^ 1);
                assertTrue(h.rootFromProof(slot, other, proof) != root, string.concat(at, "other leaf"));
            }
        }
        assertTrue(sawEmptyTree, "the empty tree is covered");
        assertTrue(sawExclusion, "an exclusion proof is covered");
    }

    function test_coinProofs_wrongLengthIsRejected() public {
        bytes memory proof = vm.parseJsonBytes(json, _key("proofs", 0, "proof"));
        uint64 slot = uint64(vm.parseJsonUint(json, _key("proofs", 0, "slot")));
        bytes memory longer = bytes.concat(proof, bytes1(0));
        vm.expectRevert(abi.encodeWithSelector(CoinTree.BadCoinProof.selector, longer.length));
        h.rootFromProof(slot, 0, longer);
    }
}
