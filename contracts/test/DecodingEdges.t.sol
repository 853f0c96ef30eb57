// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "./utils/Test.sol";
import {InFlightTestBase} from "./utils/InFlightTestBase.sol";
import {PlasmaTestBase} from "./utils/PlasmaTestBase.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {LibHarness} from "./utils/LibHarness.sol";
import {PaymentExitGame} from "../src/framework/PaymentExitGame.sol";
import {BlockController} from "../src/framework/BlockController.sol";
import {InFlightExitGame} from "../src/games/InFlightExitGame.sol";
import {ExitAmount} from "../src/lib/ExitAmount.sol";
import {RLPReader} from "../src/lib/RLPReader.sol";
import {FeeOnTransferToken} from "../src/mocks/FeeOnTransferToken.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Position} from "../src/lib/Position.sol";

/// @dev Evidence at the edges of the decoding rules: the largest position and the largest amount that
///      still decode. A spend the owner signed and the operator could have included must stay usable.
abstract contract EdgeEvidence is InFlightTestBase {
    uint256 internal constant LIMIT = 1 << 192;
    /// @dev The largest position: block 9_223_372_036_854, tx index 65535, output index 3.
    uint256 internal constant LARGEST_POSITION = 9_223_372_036_854_655_353;

    /// @dev A spend of `spent` (input 0) next to the largest position, paying 2^192 - 1 and 1.
    function _edgeSpend(uint256 spent) internal view returns (bytes memory) {
        uint256[] memory ins = new uint256[](2);
        ins[0] = spent;
        ins[1] = LARGEST_POSITION;
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](2);
        outs[0] = TxEncoder.Out(carol, address(0), LIMIT - 1);
        outs[1] = TxEncoder.Out(alice, address(0xBEEF), 1);
        return TxEncoder.encodeTx(1, ins, outs, bytes32(type(uint256).max));
    }
}

/// @notice A signed spend whose fields sit exactly at the edges both decoders accept is still evidence
///         in every challenge (standard exit, piggybacked input, canonicity).
contract EdgeValuedEvidenceTest is EdgeEvidence {
    function test_edgeValuedSpendStillChallengesAStandardExit() public {
        (uint256 pos, bytes memory txBytes, Included memory inc) = _depositEth(bob, 1 ether);
        _startExit(bob, pos, txBytes, inc);
        bytes memory spend = _edgeSpend(pos);
        bytes memory sig = _sign(bobKey, spend);
        uint256 before = carol.balance;
        _challenge(carol, pos, spend, 0, sig);
        assertEq(carol.balance, before + BOND, "bond to the challenger");
        (,,, PaymentExitGame.ExitState state) = fw.exits(pos);
        assertTrue(state == PaymentExitGame.ExitState.Challenged, "challenged");
    }

    function test_edgeValuedSpendStillBlocksAPiggybackedInput() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        _pbIn(alice, f, 0);
        bytes memory spend = _edgeSpend(a.position);
        bytes memory sig = _sign(aliceKey, spend);
        _commit(carol, _txCommitment(carol, f.txBytes, spend));
        uint256 before = carol.balance;
        vm.expectEmit(true, true, true, true);
        emit InFlightExitGame.InFlightExitInputBlocked(_idOf(f.txBytes), carol, 0);
        vm.prank(carol);
        ife.challengeInFlightExitInputSpent(f.txBytes, 0, spend, 0, sig);
        assertEq(carol.balance, before + PB_BOND, "piggyback bond to the challenger");
    }

    function test_edgeValuedCompetitorStillMakesAnInFlightExitNonCanonical() public {
        (Ife memory f, Input memory a) = _alicePaysBob();
        _startIfe(bob, f);
        bytes memory competitor = _edgeSpend(a.position);
        _challengeNotIncluded(carol, f, competitor, _sign(aliceKey, competitor));
        assertTrue(!_view(f.txBytes).isCanonical, "non-canonical");
    }
}

/// @dev The storage cheatcodes, which the shared Vm interface leaves out.
interface CounterStorage {
    function load(address target, bytes32 slot) external view returns (bytes32);
    function store(address target, bytes32 slot, bytes32 value) external;
}

/// @notice The position cap. The last child block's last output and the 999th deposit after the last
///         child block are exited and paid to the wei; nothing past them is accepted.
contract PositionCapEdgeTest is PlasmaTestBase {
    uint256 internal constant LAST = 9_223_372_035_000;
    CounterStorage internal constant VM_STORAGE =
        CounterStorage(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @dev Sets the packed counters (next child block, next deposit index) in place (test only).
    function _setCounters(uint256 nextChild, uint256 depositIndex) internal {
        uint256 next = fw.nextChildBlock();
        uint256 counters = ((fw.nextDepositBlock() + 1000 - next) << 128) | next;
        for (uint256 slot = 0; slot < 64; ++slot) {
            if (uint256(VM_STORAGE.load(address(fw), bytes32(slot))) == counters) {
                VM_STORAGE.store(address(fw), bytes32(slot), bytes32((depositIndex << 128) | nextChild));
                return;
            }
        }
        revert("counters not found");
    }

    function test_the999thDepositAfterTheLastChildBlockIsExitedAndPaid() public {
        _setCounters(LAST, 1);
        vm.prank(operator);
        fw.submitBlock(bytes32(uint256(1)));
        _setCounters(LAST + 1000, 999);
        (uint256 pos, bytes memory txBytes, Included memory inc) = _depositEth(alice, 1 ether);
        assertEq(pos, 9_223_372_035_999_000_000, "the last deposit position: block LAST + 999");
        vm.deal(bob, 1 ether);
        vm.prank(bob);
        vm.expectRevert(BlockController.TooManyDeposits.selector);
        fw.depositEth{value: 1 ether}();
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(BlockController.PositionSpaceExhausted.selector, LAST + 1000));
        fw.submitBlock(bytes32(uint256(2)));

        _startExit(alice, pos, txBytes, inc);
        vm.warp(block.timestamp + MEP);
        uint256 before = alice.balance;
        vm.prank(carol);
        assertEq(fw.processExits(address(0), 10), 1, "processed");
        assertEq(alice.balance, before + 1 ether + BOND - BOUNTY, "paid to the wei");
    }

    function test_theLastOutputOfTheLastChildBlockIsExitedAndPaid() public {
        (uint256 dep,,) = _depositEth(bob, 4 ether); // funds the vault
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](4);
        for (uint256 i = 0; i < 4; ++i) outs[i] = TxEncoder.Out(alice, address(0), 1 ether);
        uint256[] memory ins = new uint256[](1);
        ins[0] = dep;
        bytes memory txBytes = TxEncoder.encodeTx(1, ins, outs, bytes32(0));
        // the only leaf at index 65535: every sibling is an empty subtree and the leaf is a right child
        bytes32 zero = keccak256(abi.encodePacked(bytes1(0x00)));
        bytes32 h = _leaf(txBytes);
        bytes memory proof;
        for (uint256 d = 0; d < 16; ++d) {
            proof = abi.encodePacked(proof, zero);
            h = _node(zero, h);
            zero = _node(zero, zero);
        }
        _setCounters(LAST, 1);
        vm.prank(operator);
        fw.submitBlock(h);
        uint256 pos = 9_223_372_035_000_655_353;
        (uint256 blkNum, uint256 txIndex, uint256 outputIndex) = new LibHarness().decodePosition(pos);
        assertEq(blkNum, LAST, "block");
        assertEq(txIndex, 65_535, "tx index");
        assertEq(outputIndex, 3, "output index");
        vm.prank(alice);
        fw.startStandardExit{value: BOND}(pos, txBytes, proof, block.timestamp);
        vm.warp(block.timestamp + 2 * MEP);
        uint256 before = alice.balance;
        vm.prank(carol);
        assertEq(fw.processExits(address(0), 10), 1, "processed");
        assertEq(alice.balance, before + 1 ether + BOND - BOUNTY, "paid to the wei");
    }
}

/// @dev Adds more than it was sent on every transfer: the vault's balance grows by more than `amount`.
contract BonusOnTransferToken is ERC20 {
    uint256 public immutable bonus;

    constructor(uint256 bonus_) ERC20("Bonus", "BON") {
        bonus = bonus_;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from != address(0) && to != address(0)) super._update(address(0), to, bonus);
    }
}

/// @notice The deposit cap applies to what arrived, whatever was asked for.
contract DepositCapArrivalTest is PlasmaTestBase {
    uint256 internal constant LIMIT = 1 << 192;

    function test_feeOnTransferDepositAskingAboveTheCapCreditsWhatArrived() public {
        FeeOnTransferToken token = new FeeOnTransferToken();
        token.mint(alice, LIMIT);
        vm.startPrank(alice);
        token.approve(address(fw), LIMIT);
        uint256 blkNum = fw.nextDepositBlock();
        fw.depositErc20(address(token), LIMIT); // 1% is burnt on the way: what arrives is below the cap
        vm.stopPrank();
        uint256 arrived = LIMIT - LIMIT / 100;
        assertEq(token.balanceOf(address(fw)), arrived, "held");
        bytes[] memory txs = new bytes[](1);
        txs[0] = TxEncoder.deposit(alice, address(token), arrived);
        (bytes32 root,) = _tree(txs, 0);
        assertEq(fw.blockCommitment(blkNum), keccak256(abi.encode(root, block.timestamp)), "the output is what arrived");
    }

    function test_bonusOnTransferDepositThatArrivesAtTheCapIsRefused() public {
        BonusOnTransferToken token = new BonusOnTransferToken(LIMIT - 1);
        token.mint(alice, 1);
        vm.startPrank(alice);
        token.approve(address(fw), 1);
        vm.expectRevert(abi.encodeWithSelector(ExitAmount.AmountTooLarge.selector, LIMIT));
        fw.depositErc20(address(token), 1);
        vm.stopPrank();
        assertEq(token.balanceOf(address(fw)), 0, "nothing held");
    }
}

/// @notice Harness: the inputs of a canonical-RLP transaction, whatever their values.
contract CanonicalInputReader {
    using RLPReader for RLPReader.Item;

    function inputs(bytes memory txBytes) external pure returns (uint256[] memory values) {
        RLPReader.Item[] memory fields = RLPReader.toItem(txBytes).toList(4, 4);
        RLPReader.Item[] memory ins = fields[1].toList(0, 4);
        values = new uint256[](ins.length);
        for (uint256 i = 0; i < ins.length; ++i) values[i] = ins[i].toUint();
    }
}

/// @notice The differential corpus holds the exact input-position boundaries on both sides, so an off-by-one
///         in either decoder's position rule (e.g. a reader accepting output index 4 or tx index 65536)
///         fails the corpus tests.
contract DecodingCorpusCoverageTest is Test {
    function test_corpusHoldsTheExactInputPositionBoundaries() public {
        string memory json = vm.readFile("test/vectors/decoding.json");
        uint256[] memory verdicts = vm.parseJsonUintArray(json, ".verdicts");
        bytes[] memory txs = vm.parseJsonBytesArray(json, ".txBytes");
        CanonicalInputReader r = new CanonicalInputReader();
        // [0] rejected 999_999 (largest block-0 number), [1] rejected output index 4,
        // [2] rejected tx index 65536, [3] rejected 2^63, [4] accepted 1_000_000 (smallest position),
        // [5] accepted output index 3 with tx index 65535, [6] rejected 1_000_000_660_000 and
        // [7] accepted 1_000_000_051, which a 1e9 / 1e4 layout reads the other way
        uint256[8] memory seen;
        for (uint256 i = 0; i < txs.length; ++i) {
            if (verdicts[i] != 0 && verdicts[i] != 2) continue;
            try r.inputs(txs[i]) returns (uint256[] memory ins) {
                for (uint256 k = 0; k < ins.length; ++k) {
                    uint256 x = ins[k];
                    uint256 rest = x % 1_000_000;
                    bool inRange = x >= 1_000_000 && x <= type(uint64).max >> 1;
                    if (verdicts[i] == 2) {
                        if (x == 999_999) ++seen[0];
                        if (inRange && rest % 10 == 4) ++seen[1];
                        if (inRange && rest / 10 == 65_536) ++seen[2];
                        if (x == 1 << 63) ++seen[3];
                        if (x == 1_000_000_660_000) ++seen[6];
                    } else {
                        if (x == 1_000_000) ++seen[4];
                        if (rest == 655_353) ++seen[5];
                        if (x == 1_000_000_051) ++seen[7];
                    }
                }
            } catch {}
        }
        string memory counts = string.concat(
            "corpus boundary inputs (rejected 999999, out idx 4, tx idx 65536, 2^63; accepted 1000000, tx 65535/out 3;",
            " rejected 1000000660000, accepted 1000000051): ",
            string.concat(vm.toString(seen[0]), ",", vm.toString(seen[1]), ",", vm.toString(seen[2])),
            string.concat(",", vm.toString(seen[3]), ",", vm.toString(seen[4]), ",", vm.toString(seen[5])),
            string.concat(",", vm.toString(seen[6]), ",", vm.toString(seen[7]))
        );
        bool all = true;
        for (uint256 k = 0; k < 8; ++k) all = all && seen[k] > 0;
        assertTrue(all, counts);
    }
}
