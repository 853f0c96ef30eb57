// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "./Test.sol";
import {PlasmaFramework} from "../../src/PlasmaFramework.sol";
import {InFlightExitGame} from "../../src/games/InFlightExitGame.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";
import {CashExitGame} from "../../src/games/CashExitGame.sol";
import {IPlasmaFramework} from "../../src/interfaces/IPlasmaFramework.sol";
import {TxEncoder} from "./TxEncoder.sol";
import {Position} from "../../src/lib/Position.sol";

/// @notice Shared set-up: a framework with its three exit games registered, funded users, and helpers to build
///         blocks and proofs.
abstract contract PlasmaTestBase is Test {
    uint256 internal constant MEP = 1 days;
    uint256 internal constant BOND = 0.1 ether;
    uint256 internal constant BOUNTY = 0.01 ether;
    uint256 internal constant IFE_BOND = 0.05 ether;
    uint256 internal constant PB_BOND = 0.02 ether;
    uint256 internal constant PB_BOUNTY = 0.005 ether;
    uint256 internal constant MASS_BOND = 0.001 ether;
    uint256 internal constant MASS_BOUNTY = 0.0001 ether;
    uint256 internal constant COIN_EXIT_BOND = 0.01 ether;
    uint256 internal constant COIN_CHALLENGE_BOND = 0.01 ether;
    uint256 internal constant CHECKPOINT_BOND = 0.01 ether;

    PlasmaFramework internal fw;
    InFlightExitGame internal ife;
    MassExitGame internal massGame;
    CashExitGame internal cash;
    address internal operator;
    address internal alice;
    uint256 internal aliceKey;
    address internal bob;
    uint256 internal bobKey;
    address internal carol;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        vm.roll(100);
        (alice, aliceKey) = makeAddrAndKey("alice");
        (bob, bobKey) = makeAddrAndKey("bob");
        operator = makeAddr("operator");
        carol = makeAddr("carol");
        fw = new PlasmaFramework(operator, MEP, BOND, BOUNTY);
        ife = new InFlightExitGame(IPlasmaFramework(address(fw)), IFE_BOND, PB_BOND, PB_BOUNTY);
        massGame = new MassExitGame(IPlasmaFramework(address(fw)), MASS_BOND, MASS_BOUNTY);
        cash = new CashExitGame(IPlasmaFramework(address(fw)), COIN_EXIT_BOND, COIN_CHALLENGE_BOND, CHECKPOINT_BOND);
        fw.registerExitGames(address(ife), address(massGame), address(cash));
        vm.deal(alice, 100 ether);
        vm.deal(bob, 100 ether);
        vm.deal(carol, 100 ether);
    }

    // ---- Merkle (independent of the contract's library) ----

    function _node(bytes32 l, bytes32 r) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(bytes1(0x01), l, r));
    }

    function _leaf(bytes memory txBytes) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(bytes1(0x00), txBytes));
    }

    /// @dev Root of a depth-16 tree over `txs` and the proof of leaf `index`.
    function _tree(bytes[] memory txs, uint256 index) internal pure returns (bytes32 root, bytes memory proof) {
        bytes32[] memory level = new bytes32[](txs.length);
        for (uint256 i = 0; i < txs.length; ++i) level[i] = _leaf(txs[i]);
        bytes32 zero = keccak256(abi.encodePacked(bytes1(0x00)));
        uint256 idx = index;
        for (uint256 d = 0; d < 16; ++d) {
            uint256 sib = idx ^ 1;
            proof = abi.encodePacked(proof, sib < level.length ? level[sib] : zero);
            bytes32[] memory next = new bytes32[]((level.length + 1) / 2);
            for (uint256 i = 0; i < next.length; ++i) {
                bytes32 l = level[2 * i];
                bytes32 r = 2 * i + 1 < level.length ? level[2 * i + 1] : zero;
                next[i] = _node(l, r);
            }
            if (next.length == 0) next = new bytes32[](0);
            level = next;
            zero = _node(zero, zero);
            idx >>= 1;
        }
        root = level.length == 0 ? zero : level[0];
    }

    // ---- chain helpers ----

    struct Included {
        uint256 blkNum;
        uint256 timestamp;
        bytes32 root;
        bytes proof;
    }

    /// @dev Root and timestamp of every child block the helpers submitted (the framework keeps only their
    ///      hash): a mass exit with consents passes them for the first child block past its bound.
    mapping(uint256 blkNum => bytes32 root) internal _rootOf;
    mapping(uint256 blkNum => uint256 timestamp) internal _timeOf;

    /// @dev Submits a child block of `txs` and returns the inclusion data of `index`.
    function _submit(bytes[] memory txs, uint256 index) internal returns (Included memory inc) {
        (inc.root, inc.proof) = _tree(txs, index);
        inc.blkNum = _submitRoot(inc.root);
        inc.timestamp = block.timestamp;
    }

    /// @dev Submits the next child block with `root`, as the operator, and records its header.
    function _submitRoot(bytes32 root) internal returns (uint256 blkNum) {
        blkNum = fw.nextChildBlock();
        _rootOf[blkNum] = root;
        _timeOf[blkNum] = block.timestamp;
        vm.prank(operator);
        fw.submitBlock(root);
    }

    function _submitOne(bytes memory txBytes) internal returns (Included memory) {
        bytes[] memory txs = new bytes[](1);
        txs[0] = txBytes;
        return _submit(txs, 0);
    }

    /// @dev Deposits ETH as `who`; returns the deposit position, tx bytes and inclusion data.
    function _depositEth(address who, uint256 amount)
        internal
        returns (uint256 position, bytes memory txBytes, Included memory inc)
    {
        inc.blkNum = fw.nextDepositBlock();
        inc.timestamp = block.timestamp;
        txBytes = TxEncoder.deposit(who, address(0), amount);
        bytes[] memory txs = new bytes[](1);
        txs[0] = txBytes;
        (inc.root, inc.proof) = _tree(txs, 0);
        vm.prank(who);
        fw.depositEth{value: amount}();
        position = inc.blkNum * Position.BLOCK_OFFSET;
    }

    function _startExit(address who, uint256 position, bytes memory txBytes, Included memory inc) internal {
        vm.prank(who);
        fw.startStandardExit{value: BOND}(position, txBytes, inc.proof, inc.timestamp);
    }

    function _sign(uint256 key, bytes memory txBytes) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, fw.txDigest(txBytes));
        return abi.encodePacked(r, s, v);
    }

    function _commitment(address challenger, uint256 position, bytes memory spendingTx) internal pure returns (bytes32) {
        return keccak256(abi.encode(challenger, position, keccak256(spendingTx)));
    }

    /// @dev Commits as `who`, mines a block, and reveals.
    function _challenge(address who, uint256 position, bytes memory spendingTx, uint256 inputIndex, bytes memory sig)
        internal
    {
        vm.prank(who);
        fw.commitChallenge(_commitment(who, position, spendingTx));
        vm.roll(block.number + 1);
        vm.prank(who);
        fw.challengeStandardExit(position, spendingTx, inputIndex, sig);
    }
}
