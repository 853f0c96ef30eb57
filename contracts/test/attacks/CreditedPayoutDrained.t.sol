// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PlasmaTestBase} from "../utils/PlasmaTestBase.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {BlocklistToken} from "../utils/OddTokens.sol";
import {RevertingReceiver} from "../../src/mocks/RevertingReceiver.sol";
import {Position} from "../../src/lib/Position.sol";

/// @notice Promise: an honest output in a valid block, exited before any invalid block, is paid in full
///         (docs/security.md, promise 1). An exit whose push fails is paid by a credit in `withdrawable`; the
///         vault must keep what it credited, or a later exit in the queue, a forgery among them, is paid with
///         it and the credit can never be pulled.
contract CreditedPayoutDrainedTest is PlasmaTestBase {
    event PayoutFailed(address indexed owner, address indexed token, uint256 amount);
    event PayoutShort(address indexed owner, address indexed token, uint256 amount);

    address internal mallory = address(0xBAD);

    /// @dev Alice deposits 100 tokens and exits them first in the queue. The operator forges an output of
    ///      100 tokens to mallory in a later block, and mallory exits it. The token blocks alice (as
    ///      blacklisting stablecoins do) when her exit is processed, so her 100 are credited to her. Mallory's
    ///      exit comes next: the vault still holds alice's 100, but they are hers, so the forgery must find the
    ///      vault short. Once alice is unblocked she pulls her 100.
    function test_aCreditedPayoutIsKeptFromLaterExits() public {
        BlocklistToken token = new BlocklistToken();
        uint256 alicePos = _depositToken(address(token), alice, 100e18);
        bytes memory aliceTx = TxEncoder.deposit(alice, address(token), 100e18);
        Included memory aliceInc = _depositInclusion(aliceTx);

        bytes memory forged = _forgedPayment(address(token), mallory, 100e18);
        Included memory forgedInc = _submitOne(forged);
        uint256 forgedPos = forgedInc.blkNum * Position.BLOCK_OFFSET;

        _startExit(alice, alicePos, aliceTx, aliceInc);
        vm.deal(mallory, 1 ether);
        _startExit(mallory, forgedPos, forged, forgedInc);

        token.setBlocked(alice, true);
        vm.warp(block.timestamp + 2 * MEP + 1);
        vm.expectEmit(true, true, true, true);
        emit PayoutFailed(alice, address(token), 100e18);
        vm.expectEmit(true, true, true, true);
        emit PayoutShort(mallory, address(token), 100e18);
        fw.processExits(address(token), 2);

        assertEq(token.balanceOf(mallory), 0, "the forgery got nothing");
        assertEq(fw.withdrawable(alice, address(token)), 100e18, "alice's exit was paid by a credit");
        assertEq(fw.credited(address(token)), 100e18, "the vault keeps it for her");
        assertEq(token.balanceOf(address(fw)), 100e18, "and still holds it");

        token.setBlocked(alice, false);
        vm.prank(alice);
        fw.withdraw(address(token));
        assertEq(token.balanceOf(alice), 100e18, "alice whole");
        assertEq(fw.credited(address(token)), 0, "nothing credited is left");
    }

    /// @dev The same in ETH: alice is a contract that refuses ETH while its exit is processed, so its 3 ETH
    ///      and bond refund are credited; mallory's forged 3 ETH exit comes next and must find the vault short
    ///      although the vault still holds alice's credit (and mallory's own bond).
    function test_aCreditedEthPayoutIsKeptFromALaterForgedExit() public {
        RevertingReceiver r = new RevertingReceiver();
        vm.deal(address(r), 10 ether);
        uint256 position = fw.nextDepositBlock() * Position.BLOCK_OFFSET;
        r.execute(address(fw), abi.encodeCall(fw.depositEth, ()), 3 ether);
        bytes memory depositTx = TxEncoder.deposit(address(r), address(0), 3 ether);
        Included memory inc = _depositInclusion(depositTx);
        r.execute(address(fw), abi.encodeCall(fw.startStandardExit, (position, depositTx, inc.proof, inc.timestamp)), BOND);

        bytes memory forged = _forgedPayment(address(0), mallory, 3 ether);
        Included memory forgedInc = _submitOne(forged);
        vm.deal(mallory, 1 ether);
        _startExit(mallory, forgedInc.blkNum * Position.BLOCK_OFFSET, forged, forgedInc);

        vm.warp(block.timestamp + 2 * MEP + 1);
        vm.expectEmit(true, true, true, true);
        emit PayoutFailed(address(r), address(0), 3 ether + BOND - BOUNTY);
        vm.expectEmit(true, true, true, true);
        emit PayoutShort(mallory, address(0), 3 ether);
        vm.prank(carol);
        fw.processExits(address(0), 2);
        assertEq(mallory.balance, 1 ether - BOUNTY, "the forgery got its bond back, nothing more");
        assertEq(fw.credited(address(0)), 3 ether + BOND - BOUNTY, "the vault keeps the credit");

        r.setRejecting(false);
        r.execute(address(fw), abi.encodeCall(fw.withdraw, (address(0))), 0);
        assertEq(address(r).balance, 10 ether - BOND + BOND - BOUNTY, "alice's contract whole, less the bounty");
        assertEq(fw.credited(address(0)), 0, "nothing credited is left");
    }

    function _depositToken(address token, address who, uint256 amount) internal returns (uint256 position) {
        position = fw.nextDepositBlock() * Position.BLOCK_OFFSET;
        BlocklistToken(token).mint(who, amount);
        vm.startPrank(who);
        BlocklistToken(token).approve(address(fw), amount);
        fw.depositErc20(token, amount);
        vm.stopPrank();
    }

    function _depositInclusion(bytes memory txBytes) internal view returns (Included memory inc) {
        bytes[] memory txs = new bytes[](1);
        txs[0] = txBytes;
        (inc.root, inc.proof) = _tree(txs, 0);
        inc.timestamp = block.timestamp;
    }

    /// @dev A transaction without inputs paying `amount` to `to`: no valid chain contains it.
    function _forgedPayment(address token, address to, uint256 amount) internal pure returns (bytes memory) {
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](1);
        outs[0] = TxEncoder.Out(to, token, amount);
        return TxEncoder.encodeTx(1, new uint256[](0), outs, bytes32(uint256(1)));
    }
}
