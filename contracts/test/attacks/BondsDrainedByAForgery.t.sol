// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MassExitTestBase} from "../utils/MassExitTestBase.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {Position} from "../../src/lib/Position.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";
import {DevToken} from "../../src/DevToken.sol";

/// @notice The vault keeps exit bonds (ETH) apart from what exits may take. Exits of tokens are queued in
///         the token's queue, but their bonds wait in the ETH balance, and no queue orders the two: an
///         operator's forged ETH exit processed first used to take the ETH bonds of honest token exits
///         (all or nothing, with a forged amount equal to the free balance; or for free through a batch's
///         partial take). Now exits take only `balance - credited - bondsHeld`, so the forgery gets nothing
///         and every bond is refunded in full.
contract BondsDrainedByAForgeryTest is MassExitTestBase {
    address internal mallory; // the operator's accomplice
    address internal processor;
    DevToken internal tok;

    event PayoutShort(address indexed owner, address indexed token, uint256 amount);

    function setUp() public override {
        super.setUp();
        mallory = makeAddr("mallory");
        processor = makeAddr("processor");
        vm.deal(mallory, 10 ether);
        tok = new DevToken("Dev", "DEV");
        tok.mint(bob, 1_000 ether);
        vm.prank(bob);
        tok.approve(address(fw), type(uint256).max);
    }

    /// @dev Alice deposits and exits 1 ETH at once (she is paid first). Returns the timestamp of the forged
    ///      block the caller submits next.
    function _aliceExitsEarly() internal {
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        _startExit(alice, d, t, inc);
    }

    /// @dev Bob deposits 100 DEV and starts its standard exit at `ts_B + MEP`: in time for every output
    ///      of block B (it is exitable at `ts_B + 2 MEP`, the forgery's own time).
    function _bobExitsTokensInTime(uint256 forgedBlockTs) internal returns (uint256 pos) {
        vm.warp(forgedBlockTs + MEP);
        pos = fw.nextDepositBlock() * Position.BLOCK_OFFSET;
        vm.prank(bob);
        fw.depositErc20(address(tok), 100 ether);
        bytes memory txBytes = TxEncoder.deposit(bob, address(tok), 100 ether);
        bytes[] memory one = new bytes[](1);
        one[0] = txBytes;
        (, bytes memory proof) = _tree(one, 0);
        vm.prank(bob);
        fw.startStandardExit{value: BOND}(pos, txBytes, proof, block.timestamp);
    }

    /// @dev The partial take: mallory mass-exits a forged 1000 ETH output of block B. At `ts_B + 2 MEP` the
    ///      ETH queue pays alice, then the forged batch may take what the vault can free beside the bonds it
    ///      holds: nothing. The DEV queue then pays bob's 100 DEV and his bond refund in full.
    function test_aForgedBatchsPartialTakeLeavesTheEthBondOfAnHonestTokenExit() public {
        _aliceExitsEarly();
        vm.warp(block.timestamp + 10);
        bytes[] memory txs = new bytes[](1);
        txs[0] = TxEncoder.payment(999e9, mallory, address(0), 1_000 ether);
        Block memory b = _submitBlock(txs);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](1);
        items[0] = _item(b, 0);
        uint256 mallory0 = mallory.balance;
        uint256 batchId = _startMass(mallory, address(0), items);
        _bobExitsTokensInTime(b.timestamp);

        vm.warp(b.timestamp + 2 * MEP);
        vm.expectEmit(true, true, true, true);
        emit MassExitGame.MassExitEscrowShort(batchId, 1_000 ether, 0);
        vm.prank(processor);
        assertEq(fw.processExits(address(0), 10), 2, "alice, then the forged batch");
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](1);
        leaves[0] = MassExitGame.MassExitLeaf(
            b.blkNum * Position.BLOCK_OFFSET, keccak256(abi.encode(keccak256(txs[0]), uint256(0))), mallory, 1_000 ether
        );
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(mallory.balance, mallory0 - MASS_BOUNTY, "the forger gets her bond back less the bounty, nothing else");

        uint256 bob0 = bob.balance;
        vm.prank(processor);
        fw.processExits(address(tok), 10);
        assertEq(tok.balanceOf(bob), 1_000 ether, "bob's tokens are paid");
        assertEq(bob.balance, bob0 + BOND - BOUNTY, "bob's bond refund, in full");
        assertEq(fw.bondsHeld(), 0, "every bond paid out");
    }

    /// @dev Without the partial take: a forged standard exit of exactly the bond (the operator knows the bonds)
    ///      used to be paid all or nothing from bob's bond; now it finds the vault short.
    function test_aForgedStandardExitOfTheExactFreeAmountLeavesTheSameBond() public {
        _aliceExitsEarly();
        vm.warp(block.timestamp + 10);
        bytes memory forged = TxEncoder.payment(999e9, mallory, address(0), BOND);
        Included memory finc = _submitOne(forged);
        uint256 mallory0 = mallory.balance;
        vm.prank(mallory);
        fw.startStandardExit{value: BOND}(finc.blkNum * Position.BLOCK_OFFSET, forged, finc.proof, finc.timestamp);
        _bobExitsTokensInTime(finc.timestamp);

        vm.warp(finc.timestamp + 2 * MEP);
        vm.prank(processor);
        assertEq(fw.processExits(address(0), 10), 2, "alice, then the forgery");
        assertEq(mallory.balance, mallory0 - BOUNTY, "the forger gets her bond back less the bounty, nothing else");

        uint256 bob0 = bob.balance;
        vm.prank(processor);
        fw.processExits(address(tok), 10);
        assertEq(bob.balance, bob0 + BOND - BOUNTY, "bob's bond refund, in full");
        assertEq(fw.bondsHeld(), 0, "every bond paid out");
    }
}
