// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "./utils/Test.sol";
import {MassExitTestBase} from "./utils/MassExitTestBase.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {ReaderHarness} from "./PaymentOutputReader.t.sol";
import {Position} from "../src/lib/Position.sol";
import {PaymentTx} from "../src/lib/PaymentTx.sol";
import {BlockController} from "../src/framework/BlockController.sol";
import {MassExitGame} from "../src/games/MassExitGame.sol";

/// @notice Exposes Position's internal functions and constants as external calls.
contract PositionHarness {
    function isValid(uint256 position) external pure returns (bool) {
        return Position.isValid(position);
    }

    function decode(uint256 position) external pure returns (uint256, uint256, uint256) {
        return Position.decode(position);
    }
}

/// @dev A `BlockController` alone, for its constants.
contract BlockNumberingOnly is BlockController {
    constructor() BlockController(address(1)) {}
}

/// @dev The shared position vectors (test/vectors/vectors.json, written by the Java core).
abstract contract PositionVectors is Test {
    function _json() internal view returns (string memory) {
        return vm.readFile("test/vectors/vectors.json");
    }

    function _invalid() internal view returns (uint256[] memory) {
        return vm.parseJsonUintArray(_json(), ".invalidPositions");
    }

    function _valid() internal view returns (uint256[] memory positions) {
        string memory json = _json();
        positions = new uint256[](vm.parseJsonUint(json, ".positionCount"));
        for (uint256 i = 0; i < positions.length; ++i) {
            positions[i] = vm.parseJsonUint(json, string.concat(".positions[", vm.toString(i), "].position"));
        }
    }
}

/// @notice Java and the contracts share one position layout: the same constants, the same cap, and the same
///         verdict on every number just past an edge of the rule (and on those a 1e9 / 1e4 layout reads
///         the other way).
contract PositionLayoutTest is PositionVectors {
    PositionHarness internal p;
    ReaderHarness internal reader;

    function setUp() public {
        p = new PositionHarness();
        reader = new ReaderHarness();
    }

    function test_theLayoutConstantsAreJavas() public {
        string memory json = _json();
        assertEq(vm.parseJsonUint(json, ".positionLayout.blockOffset"), Position.BLOCK_OFFSET, "block offset");
        assertEq(vm.parseJsonUint(json, ".positionLayout.txOffset"), Position.TX_OFFSET, "tx offset");
        assertEq(vm.parseJsonUint(json, ".positionLayout.maxTxIndex"), Position.MAX_TX_INDEX, "max tx index");
        assertEq(vm.parseJsonUint(json, ".positionLayout.maxOutputIndex"), Position.MAX_OUTPUT_INDEX, "max output index");
        assertEq(vm.parseJsonUint(json, ".positionLayout.maxPosition"), Position.MAX_POSITION, "max position");
        assertEq(
            vm.parseJsonUint(json, ".positionLayout.maxBlkNum"), Position.MAX_POSITION / Position.BLOCK_OFFSET, "max block"
        );
        BlockNumberingOnly b = new BlockNumberingOnly();
        assertEq(vm.parseJsonUint(json, ".positionLayout.childBlockInterval"), b.CHILD_BLOCK_INTERVAL(), "interval");
        assertEq(vm.parseJsonUint(json, ".positionLayout.lastChildBlock"), b.LAST_CHILD_BLOCK(), "last child block");
        // pinned here as well, so that a change of layout is never silent on either side
        assertEq(Position.BLOCK_OFFSET, 1_000_000, "1e6");
        assertEq(Position.TX_OFFSET, 10, "10");
        assertEq(b.LAST_CHILD_BLOCK(), 9_223_372_035_000, "cap");
    }

    function test_everyVectorPositionIsValid() public view {
        uint256[] memory valid = _valid();
        assertTrue(valid.length > 10, "vectors");
        for (uint256 i = 0; i < valid.length; ++i) {
            assertTrue(p.isValid(valid[i]), vm.toString(valid[i]));
            uint256[] memory ins = new uint256[](1);
            ins[0] = valid[i];
            TxEncoder.Out[] memory outs = new TxEncoder.Out[](1);
            outs[0] = TxEncoder.Out(address(0xA11CE), address(0), 1);
            bytes memory txBytes = TxEncoder.encodeTx(1, ins, outs, 0);
            assertEq(reader.decode(txBytes).inputs[0], valid[i], "decoded input");
            assertEq(reader.read(txBytes, 0).inputCount, 1, "read input");
        }
    }

    function test_everyInvalidVectorPositionIsRejectedByEveryDecoder() public {
        uint256[] memory invalid = _invalid();
        assertTrue(invalid.length > 10, "vectors");
        for (uint256 i = 0; i < invalid.length; ++i) {
            uint256 x = invalid[i];
            assertTrue(!p.isValid(x), vm.toString(x));
            vm.expectRevert(abi.encodeWithSelector(Position.InvalidPosition.selector, x));
            p.decode(x);
            uint256[] memory ins = new uint256[](1);
            ins[0] = x;
            TxEncoder.Out[] memory outs = new TxEncoder.Out[](1);
            outs[0] = TxEncoder.Out(address(0xA11CE), address(0), 1);
            bytes memory txBytes = TxEncoder.encodeTx(1, ins, outs, 0);
            bytes memory err = abi.encodeWithSelector(PaymentTx.InvalidInputPosition.selector, x);
            vm.expectRevert(err);
            reader.decode(txBytes);
            vm.expectRevert(err);
            reader.read(txBytes, 0);
            (,,, uint256 counts) = reader.readCommon(txBytes, 0);
            assertEq(counts, 0, "the one-pass reader declines it");
        }
    }
}

/// @notice The mass exit decodes positions with its own copy of the rule (one branch, in assembly): it
///         refuses exactly the numbers Position refuses, with the same error, and passes every valid one on.
contract MassExitPositionLayoutTest is MassExitTestBase, PositionVectors {
    function _start(uint256 position) internal {
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](1);
        items[0] = MassExitGame.MassExitItem(position, hex"c0", "", block.timestamp, 0, 0, "");
        vm.prank(alice);
        massGame.startMassExit{value: MASS_BOND}(address(0), items, bytes32(0), 0);
    }

    function test_massExitRefusesEveryInvalidVectorPosition() public {
        uint256[] memory invalid = _invalid();
        for (uint256 i = 0; i < invalid.length; ++i) {
            uint256 x = invalid[i];
            // zero is refused first as not above the (empty) batch's last position
            vm.expectRevert(
                x == 0
                    ? abi.encodeWithSelector(MassExitGame.PositionsNotIncreasing.selector, 0)
                    : abi.encodeWithSelector(Position.InvalidPosition.selector, x)
            );
            this.startOne(x);
        }
    }

    function test_massExitDecodesEveryVectorPosition() public {
        uint256[] memory valid = _valid();
        for (uint256 i = 0; i < valid.length; ++i) {
            try this.startOne(valid[i]) {
                assertTrue(false, "a batch of no transaction started");
            } catch (bytes memory err) {
                // past decoding: the transaction bytes are the next thing refused
                assertTrue(bytes4(err) != Position.InvalidPosition.selector, vm.toString(valid[i]));
                assertTrue(err.length >= 4, "a named error");
            }
        }
    }

    function startOne(uint256 position) external {
        _start(position);
    }
}
