// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MassExitTestBase} from "../utils/MassExitTestBase.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {ReaderHarness} from "../PaymentOutputReader.t.sol";
import {PositionHarness} from "../PositionLayout.t.sol";
import {Position} from "../../src/lib/Position.sol";
import {PaymentTx} from "../../src/lib/PaymentTx.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";

/// @notice Every Solidity reader of a position against the rule written out once here (docs/protocol.md
///         section 1: 1e6 <= x <= 2^63 - 1, x % 1e6 / 10 <= 65535, x % 10 <= 3), on fuzzed numbers drawn
///         around each edge of the rule: Position.isValid and decode, PaymentTx.decode, the reader's general
///         and one-pass paths, and the mass exit's own assembly decoder must all reach the same verdict and
///         the same parts.
contract PositionDifferentialTest is MassExitTestBase {
    PositionHarness internal p;
    ReaderHarness internal reader;

    function setUp() public override {
        super.setUp();
        p = new PositionHarness();
        reader = new ReaderHarness();
    }

    function _rule(uint256 x) internal pure returns (bool) {
        if (x < 1_000_000 || x > 9_223_372_036_854_775_807) return false;
        uint256 rest = x % 1_000_000;
        return rest / 10 <= 65_535 && rest % 10 <= 3;
    }

    /// @dev A number near an edge: a block around 0, 1, the cap or the last block with positions, and tx and
    ///      output digits around their limits; or any uint256.
    function _near(uint256 seed) internal pure returns (uint256 x) {
        uint256 kind = seed % 5;
        seed /= 5;
        uint256[6] memory blocks = [uint256(0), 1, 1000, 9_223_372_035_999, 9_223_372_036_854, 9_223_372_036_855];
        uint256 blk = blocks[seed % 6];
        seed /= 6;
        if (blk > 1) blk = blk - (seed % 3) + 1;
        seed /= 3;
        uint256[5] memory txs = [uint256(0), 1, 65_534, 65_535, 65_536];
        uint256 txIdx = kind == 0 ? seed % 100_000 : txs[seed % 5];
        seed /= 100_000;
        uint256 out = seed % 10;
        seed /= 10;
        if (kind == 4) return seed;
        if (kind == 3) return 9_223_372_036_854_775_807 - (seed % 200_000) + 100_000;
        return blk * 1_000_000 + txIdx * 10 + out;
    }

    function _tx(uint256 x) internal pure returns (bytes memory) {
        uint256[] memory ins = new uint256[](1);
        ins[0] = x;
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](1);
        outs[0] = TxEncoder.Out(address(0xA11CE), address(0), 1);
        return TxEncoder.encodeTx(1, ins, outs, 0);
    }

    function testFuzz_everyReaderAgreesWithTheRule(uint256 seed) public {
        uint256 x = _near(seed);
        bool ok = _rule(x);
        assertTrue(p.isValid(x) == ok, "Position.isValid");
        bytes memory txBytes = _tx(x);
        if (ok) {
            (uint256 b, uint256 t, uint256 o) = p.decode(x);
            assertEq(b, x / 1_000_000, "block");
            assertEq(t, x % 1_000_000 / 10, "tx index");
            assertEq(o, x % 10, "output index");
            assertEq(reader.decode(txBytes).inputs[0], x, "PaymentTx.decode");
            assertEq(reader.read(txBytes, 0).inputCount, 1, "read");
            (,,, uint256 counts) = reader.readCommon(txBytes, 0);
            assertEq(counts & 0xff, 1, "one-pass reader");
        } else {
            vm.expectRevert(abi.encodeWithSelector(Position.InvalidPosition.selector, x));
            p.decode(x);
            bytes memory err = abi.encodeWithSelector(PaymentTx.InvalidInputPosition.selector, x);
            vm.expectRevert(err);
            reader.decode(txBytes);
            vm.expectRevert(err);
            reader.read(txBytes, 0);
            (,,, uint256 counts) = reader.readCommon(txBytes, 0);
            assertEq(counts, 0, "one-pass reader declines");
        }
        // the mass exit: an invalid number is InvalidPosition, a valid one passes decoding (and fails later)
        if (x == 0) return;
        try this.startOne(x) {
            assertTrue(false, "a batch of no transaction started");
        } catch (bytes memory err2) {
            bool invalid = keccak256(err2) == keccak256(abi.encodeWithSelector(Position.InvalidPosition.selector, x));
            assertTrue(invalid == !ok, "MassExitGame._decodePosition");
        }
    }

    function startOne(uint256 position) external {
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](1);
        items[0] = MassExitGame.MassExitItem(position, hex"c0", "", block.timestamp, 0, 0, "");
        vm.prank(alice);
        massGame.startMassExit{value: MASS_BOND}(address(0), items, bytes32(0), 0);
    }
}
