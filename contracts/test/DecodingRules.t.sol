// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PlasmaTestBase} from "./utils/PlasmaTestBase.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {ReaderHarness} from "./PaymentOutputReader.t.sol";
import {PaymentTx} from "../src/lib/PaymentTx.sol";
import {ExitAmount} from "../src/lib/ExitAmount.sol";
import {DevToken} from "../src/DevToken.sol";
import {BlockController} from "../src/framework/BlockController.sol";
import {LibHarness} from "./utils/LibHarness.sol";
import {Position} from "../src/lib/Position.sol";

/// @notice The rules both decoders (and the Java core) share beyond RLP: inputs name possible outputs, a
///         payment without inputs has one output, and no amount reaches 2^192, which the vault refuses
///         for deposits too. Each rule has its named error, the same from `PaymentTx.decode` and from the
///         mass exit's calldata reader.
contract DecodingRulesTest is PlasmaTestBase {
    uint256 internal constant LIMIT = 1 << 192;
    ReaderHarness internal h;

    function setUp() public override {
        super.setUp();
        h = new ReaderHarness();
    }

    function _outs(uint256 n, uint256 amount) internal pure returns (TxEncoder.Out[] memory outs) {
        outs = new TxEncoder.Out[](n);
        for (uint256 i = 0; i < n; ++i) outs[i] = TxEncoder.Out(address(uint160(i + 1)), address(0), amount);
    }

    function _ins(uint256 position) internal pure returns (uint256[] memory ins) {
        ins = new uint256[](1);
        ins[0] = position;
    }

    /// @dev Both decoders revert with exactly `err`.
    function _bothRevert(bytes memory txBytes, bytes memory err) internal {
        vm.expectRevert(err);
        h.decode(txBytes);
        vm.expectRevert(err);
        h.read(txBytes, 0);
    }

    function test_inputsMustNamePossibleOutputs() public {
        uint256[9] memory bad = [
            uint256(0), // block 0
            999_999, // block 0, the largest tx and output index digits
            1_000_004, // output index 4
            1_655_360, // tx index 65536
            1_000_000_660_000, // tx index 66000 (block 1000, tx index 66 under a 1e9 / 1e4 layout)
            9_223_372_036_854_775_807, // 2^63 - 1: tx index 77580 in the last block
            (type(uint64).max >> 1) + 1, // beyond what a Java long and the exit priority hold
            1 << 255,
            type(uint256).max
        ];
        for (uint256 k = 0; k < bad.length; ++k) {
            _bothRevert(
                TxEncoder.encodeTx(1, _ins(bad[k]), _outs(1, 1), 0),
                abi.encodeWithSelector(PaymentTx.InvalidInputPosition.selector, bad[k])
            );
        }
        uint256 largest = 9_223_372_036_854_655_353; // block 9_223_372_036_854, tx index 65535, output index 3
        assertEq(largest, Position.encode(Position.MAX_POSITION / Position.BLOCK_OFFSET, 65_535, 3), "the largest");
        PaymentTx.Transaction memory t = h.decode(TxEncoder.encodeTx(1, _ins(largest), _outs(1, 1), 0));
        assertEq(t.inputs[0], largest, "the largest position is an input");
        assertEq(h.read(TxEncoder.encodeTx(1, _ins(largest), _outs(1, 1), 0), 0).inputCount, 1, "reader too");
    }

    function test_aPaymentWithoutInputsHasOneOutput() public {
        for (uint256 n = 2; n <= 4; ++n) {
            _bothRevert(
                TxEncoder.encodeTx(1, new uint256[](0), _outs(n, 1), 0),
                abi.encodeWithSelector(PaymentTx.DepositNotOneOutput.selector, n)
            );
        }
        // a fee transaction has no inputs and one to four outputs
        assertEq(h.decode(TxEncoder.encodeTx(2, new uint256[](0), _outs(4, 1), 0)).outputs.length, 4, "fee tx");
        assertEq(h.read(TxEncoder.encodeTx(2, new uint256[](0), _outs(4, 1), 0), 3).outputCount, 4, "fee tx read");
    }

    function test_amountsStayBelowTwoTo192() public {
        uint256[3] memory tooLarge = [LIMIT, LIMIT + 1, type(uint256).max];
        for (uint256 k = 0; k < tooLarge.length; ++k) {
            bytes memory err = abi.encodeWithSelector(ExitAmount.AmountTooLarge.selector, tooLarge[k]);
            _bothRevert(TxEncoder.encodeTx(1, _ins(Position.BLOCK_OFFSET), _outs(2, tooLarge[k]), 0), err);
            _bothRevert(TxEncoder.encodeTx(2, new uint256[](0), _outs(1, tooLarge[k]), 0), err);
            _bothRevert(TxEncoder.deposit(alice, address(0), tooLarge[k]), err);
        }
        bytes memory largest = TxEncoder.encodeTx(1, _ins(Position.BLOCK_OFFSET), _outs(1, LIMIT - 1), 0);
        assertEq(h.decode(largest).outputs[0].amount, LIMIT - 1, "decoded");
        assertEq(h.read(largest, 0).output.amount, LIMIT - 1, "read");
    }

    /// @dev An output no exit game could pay never enters the chain through a deposit either.
    function test_depositOfTwoTo192IsRefused() public {
        DevToken token = new DevToken("Huge", "HUGE");
        token.mint(alice, type(uint256).max);
        vm.startPrank(alice);
        token.approve(address(fw), type(uint256).max);
        uint256 nextBlock = fw.nextDepositBlock();
        vm.expectRevert(abi.encodeWithSelector(ExitAmount.AmountTooLarge.selector, LIMIT));
        fw.depositErc20(address(token), LIMIT);
        vm.expectRevert(abi.encodeWithSelector(ExitAmount.AmountTooLarge.selector, type(uint256).max));
        fw.depositErc20(address(token), type(uint256).max);
        assertEq(fw.nextDepositBlock(), nextBlock, "no deposit block");
        assertEq(token.balanceOf(address(fw)), 0, "nothing held");

        fw.depositErc20(address(token), LIMIT - 1);
        assertEq(fw.nextDepositBlock(), nextBlock + 1, "the largest deposit is taken");
        assertEq(token.balanceOf(address(fw)), LIMIT - 1, "held");
        vm.stopPrank();

        vm.deal(bob, LIMIT);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ExitAmount.AmountTooLarge.selector, LIMIT));
        fw.depositEth{value: LIMIT}();
        assertEq(bob.balance, LIMIT, "ETH kept");
    }
}

/// @dev The storage cheatcodes, which the shared Vm interface leaves out.
interface VmStorage {
    function load(address target, bytes32 slot) external view returns (bytes32);
    function store(address target, bytes32 slot, bytes32 value) external;
}

/// @notice The position space: every block the framework accepts, deposits included, has nameable outputs.
contract PositionSpaceTest is PlasmaTestBase {
    uint256 internal constant LAST = 9_223_372_035_000;
    VmStorage internal constant VM_STORAGE = VmStorage(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @dev Moves the child block counter to `next` (test only): finds the slot holding the counters.
    function _setNextChildBlock(uint256 next) internal {
        uint256 counters = (uint256(1) << 128) | fw.nextChildBlock();
        for (uint256 slot = 0; slot < 64; ++slot) {
            if (uint256(VM_STORAGE.load(address(fw), bytes32(slot))) == counters) {
                VM_STORAGE.store(address(fw), bytes32(slot), bytes32((uint256(1) << 128) | next));
                return;
            }
        }
        revert("counters not found");
    }

    function test_theLastChildBlockAndItsDepositsHaveExitablePositions() public {
        assertEq(fw.LAST_CHILD_BLOCK(), LAST, "constant");
        uint256 largest = 9_223_372_035_999_655_353; // block LAST + 999, tx index 65535, output index 3
        assertEq(largest, Position.encode(LAST + 999, 65_535, 3), "the last deposit's last output");
        assertLe(largest, type(uint64).max >> 1, "the last deposit's last output fits a Java long");
        _setNextChildBlock(LAST);
        vm.prank(operator);
        fw.submitBlock(bytes32(uint256(1)));
        assertTrue(fw.blockCommitment(LAST) != 0, "the last child block is taken");
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(BlockController.PositionSpaceExhausted.selector, LAST + 1000));
        fw.submitBlock(bytes32(uint256(2)));
        assertEq(fw.blockCommitment(LAST + 1000), bytes32(0), "nothing stored");
        // a deposit after the last child block still names an exitable output
        (uint256 position,,) = _depositEth(alice, 1 ether);
        assertEq(position, 9_223_372_035_001_000_000, "deposit position: block LAST + 1");
        (uint256 blkNum,,) = new LibHarness().decodePosition(position);
        assertEq(blkNum, LAST + 1, "decodes");
    }

    /// @dev Why the cap sits where it does: the next child block's deposits would hold outputs beyond
    ///      `MAX_POSITION`, while the last child block's last deposit still names every output.
    function test_theChildBlockAfterTheLastWouldHaveDepositsWithoutPositions() public {
        LibHarness lib = new LibHarness();
        assertEq(LAST % 1000, 0, "a child block");
        assertEq(lib.encodePosition(LAST + 999, 65_535, 3), 9_223_372_035_999_655_353, "names every output");
        uint256 lastDepositOfNext = LAST + 1000 + 999;
        vm.expectRevert(abi.encodeWithSelector(Position.InvalidPosition.selector, 9_223_372_036_999_000_000));
        lib.encodePosition(lastDepositOfNext, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(Position.InvalidPosition.selector, 9_223_372_036_999_000_000));
        lib.decodePosition(9_223_372_036_999_000_000);
        // the largest block with positions lies between the two
        assertEq(Position.MAX_POSITION / Position.BLOCK_OFFSET, 9_223_372_036_854, "largest block");
    }

    /// @dev Child blocks far beyond 9.2 million are taken: a chain of one-second blocks runs ~292 years.
    function test_childBlocksUpToTheLastAreTaken() public {
        uint256[3] memory blocks = [uint256(9_223_372_000), 1_000_000_000_000, LAST - 1000];
        for (uint256 i = 0; i < blocks.length; ++i) {
            _setNextChildBlock(blocks[i]);
            vm.prank(operator);
            fw.submitBlock(bytes32(i + 1));
            assertTrue(fw.blockCommitment(blocks[i]) != 0, "taken");
            assertEq(fw.nextChildBlock(), blocks[i] + 1000, "next");
        }
        vm.prank(operator);
        fw.submitBlock(bytes32(uint256(9)));
        assertTrue(fw.blockCommitment(LAST) != 0, "the last is taken");
        assertEq(LAST / 1000 / 365.25 days, 292, "years of one-second child blocks");
    }
}
