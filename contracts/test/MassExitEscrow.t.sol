// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MassExitTestBase} from "./utils/MassExitTestBase.sol";
import {TxEncoder} from "./utils/TxEncoder.sol";
import {PausableErc20} from "./utils/PausableErc20.sol";
import {MassExitGame} from "../src/games/MassExitGame.sol";
import {CompressedProof} from "../src/lib/CompressedProof.sol";
import {FeeOnTransferToken} from "../src/mocks/FeeOnTransferToken.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {Position} from "../src/lib/Position.sol";

/// @notice Every mass-exit batch pays its leaves only from its own escrow: what actually arrived in the game
///         for that batch. A batch whose vault payout fell short, a fee-on-transfer token and a token paused
///         at processing each stay within their batch, and the honest batches are paid in full.
contract MassExitEscrowTest is MassExitTestBase {
    event MassExitEscrowShort(uint256 indexed batchId, uint256 expected, uint256 escrow);
    event MassExitEscrowCredited(uint256 indexed batchId, uint256 amount);
    event PayoutShort(address indexed owner, address indexed token, uint256 amount);

    address internal mallory = address(0xBAD);
    address internal dave = address(0xDA7E);

    function setUp() public override {
        super.setUp();
        vm.deal(mallory, 10 ether);
        vm.deal(dave, 10 ether);
    }

    function _processAll(address token) internal {
        while (fw.exitQueueLength(token) != 0) {
            (, uint256 at) = fw.nextExit(token);
            if (at > block.timestamp) vm.warp(at);
            vm.prank(dave);
            fw.processExits(token, 10);
        }
    }

    // ------------------------------------------------------ a forged output

    /// @dev The operator forges a 1 ETH output for mallory in a child block; she exits it in her own batch.
    ///      Alice's honest batch (her 1 ETH deposit) is processed first and takes its escrow; mallory's batch
    ///      then finds the vault short, so nothing arrives for it. Withdrawn first, mallory's batch pays her
    ///      nothing (it cannot reach alice's escrow), and alice's batch pays her in full.
    function test_attack_forgedOutputInABatch_cannotBePaidFromAnotherBatchsEscrow() public {
        (uint256 batchA, MassExitGame.MassExitLeaf[] memory la) = _aliceDepositBatch();
        (uint256 batchM, MassExitGame.MassExitLeaf[] memory lm) = _malloryForgedBatch();

        uint256 alice0 = alice.balance;
        uint256 mallory0 = mallory.balance;
        (,,,, uint256 lastAt,,) = massGame.massExits(batchM);
        vm.warp(lastAt); // both batches are due: alice's (a deposit, older) comes first
        vm.expectEmit(true, true, true, true);
        emit PayoutShort(address(massGame), address(0), 1 ether);
        vm.expectEmit(true, true, true, true);
        emit MassExitEscrowShort(batchM, 1 ether, 0);
        vm.prank(dave);
        assertEq(fw.processExits(address(0), 10), 2, "both in one call");
        (,,, uint256 escrow,,,) = massGame.massExits(batchA);
        assertEq(escrow, 1 ether, "alice's batch: its amount arrived");
        (,,, escrow,,,) = massGame.massExits(batchM);
        assertEq(escrow, 0, "mallory's batch: nothing arrived");

        vm.expectEmit(true, true, true, true);
        emit MassExitGame.MassExitOutputPaid(batchM, mallory, lm[0].position, 0);
        massGame.withdrawMassExit(batchM, lm);
        assertEq(mallory.balance, mallory0 + MASS_BOND - MASS_BOUNTY, "mallory: her bond back, no amount");
        assertEq(address(massGame).balance, 1 ether, "alice's escrow untouched");
        assertTrue(fw.isOutputExited(lm[0].outputKey), "the forged output had its turn");

        massGame.withdrawMassExit(batchA, la);
        assertEq(alice.balance, alice0 + 1 ether + MASS_BOND - MASS_BOUNTY, "alice paid in full");
        assertEq(address(massGame).balance, 0, "the game keeps nothing");
        assertEq(address(fw).balance, 0, "nothing left in the vault: the forgery found it empty");
    }

    function _aliceDepositBatch() internal returns (uint256 batchId, MassExitGame.MassExitLeaf[] memory leaves) {
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](1);
        items[0] = _depositItem(d, t, inc);
        batchId = _startMass(alice, address(0), items);
        leaves = new MassExitGame.MassExitLeaf[](1);
        leaves[0] = _depositLeaf(d, alice, 1 ether);
    }

    /// @dev A payment of 1 ETH to mallory from an input that never existed, in a child block.
    function _malloryForgedBatch() internal returns (uint256 batchId, MassExitGame.MassExitLeaf[] memory leaves) {
        bytes memory forged = TxEncoder.payment(999 * Position.BLOCK_OFFSET, mallory, address(0), 1 ether);
        Included memory inc = _submitOne(forged);
        uint256 pos = inc.blkNum * Position.BLOCK_OFFSET;
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](1);
        items[0] = MassExitGame.MassExitItem(pos, forged, CompressedProof.compress(inc.proof), inc.timestamp, 0, 0, "");
        batchId = _startMass(mallory, address(0), items);
        leaves = new MassExitGame.MassExitLeaf[](1);
        leaves[0] = MassExitGame.MassExitLeaf(pos, keccak256(abi.encode(keccak256(forged), uint256(0))), mallory, 1 ether);
    }

    // ------------------------------------------------ a fee-on-transfer token

    function _tokenDeposit(address token, address owner, uint256 sent, uint256 credited)
        internal
        returns (MassExitGame.MassExitItem memory item, MassExitGame.MassExitLeaf memory leaf)
    {
        uint256 pos = fw.nextDepositBlock() * Position.BLOCK_OFFSET;
        vm.prank(owner);
        fw.depositErc20(token, sent);
        bytes memory txBytes = TxEncoder.deposit(owner, token, credited);
        bytes[] memory one = new bytes[](1);
        one[0] = txBytes;
        (, bytes memory proof) = _tree(one, 0);
        item = MassExitGame.MassExitItem(pos, txBytes, CompressedProof.compress(proof), block.timestamp, 0, 0, "");
        leaf = _depositLeaf(pos, owner, credited);
    }

    /// @dev 1% of every transfer burns. Alice's batch (990 + 495) and bob's (1980) each lose the fee on the
    ///      way from the vault. Each batch pays its leaves the same share of what arrived for it, so alice's
    ///      batch cannot take bob's tokens and bob, withdrawing last, is paid his full share.
    function test_attack_feeOnTransferToken_eachBatchPaysOnlyWhatArrivedForIt() public {
        FeeOnTransferToken token = new FeeOnTransferToken();
        token.mint(alice, 1500);
        token.mint(bob, 2000);
        vm.prank(alice);
        token.approve(address(fw), 1500);
        vm.prank(bob);
        token.approve(address(fw), 2000);
        MassExitGame.MassExitItem[] memory ia = new MassExitGame.MassExitItem[](2);
        MassExitGame.MassExitLeaf[] memory la = new MassExitGame.MassExitLeaf[](2);
        (ia[0], la[0]) = _tokenDeposit(address(token), alice, 1000, 990);
        (ia[1], la[1]) = _tokenDeposit(address(token), alice, 500, 495);
        MassExitGame.MassExitItem[] memory ib = new MassExitGame.MassExitItem[](1);
        MassExitGame.MassExitLeaf[] memory lb = new MassExitGame.MassExitLeaf[](1);
        (ib[0], lb[0]) = _tokenDeposit(address(token), bob, 2000, 1980);
        assertEq(token.balanceOf(address(fw)), 3465, "the vault holds the outputs");
        uint256 batchA = _startMass(alice, address(token), ia);
        uint256 batchB = _startMass(bob, address(token), ib);

        vm.expectEmit(true, true, true, true);
        emit MassExitEscrowShort(batchA, 1485, 1471); // 1485 − 14 fee
        vm.expectEmit(true, true, true, true);
        emit MassExitEscrowShort(batchB, 1980, 1961); // 1980 − 19 fee
        _processAll(address(token));
        assertEq(token.balanceOf(address(massGame)), 1471 + 1961, "what arrived");

        // alice: 990·1471/1485 = 980 and 495·1471/1485 = 490 (rounded down); the rounding's 1 goes back
        vm.expectEmit(true, true, true, true);
        emit MassExitGame.MassExitOutputPaid(batchA, alice, la[0].position, 980);
        vm.expectEmit(true, true, true, true);
        emit MassExitGame.MassExitOutputPaid(batchA, alice, la[1].position, 490);
        massGame.withdrawMassExit(batchA, la);
        assertEq(token.balanceOf(alice), 971 + 486, "alice: her shares, less the fee of each push");
        assertEq(token.balanceOf(address(massGame)), 1961, "bob's escrow untouched");

        massGame.withdrawMassExit(batchB, lb);
        assertEq(token.balanceOf(bob), 1942, "bob, last: his full share (1961 less the push fee)");
        assertEq(token.balanceOf(address(massGame)), 0, "the game keeps nothing");
        assertEq(massGame.withdrawable(bob, address(token)), 0, "nothing left owed");
        assertEq(token.balanceOf(address(fw)), 1, "only the rounding went back to the vault");
    }

    // ---------------------------------------------- a token paused at processing

    /// @dev The token is paused when two batches of it are processed: both vault pushes fail and are
    ///      credited to the game at the framework. Withdrawing reverts while the token is paused; once it
    ///      resumes, each batch pulls exactly its own credit and pays its owners in full.
    function test_attack_tokenPausedAtProcessing_batchesPullTheirCreditOnceItResumes() public {
        PausableErc20 token = new PausableErc20();
        token.mint(alice, 100);
        token.mint(bob, 200);
        vm.prank(alice);
        token.approve(address(fw), 100);
        vm.prank(bob);
        token.approve(address(fw), 200);
        MassExitGame.MassExitItem[] memory ia = new MassExitGame.MassExitItem[](1);
        MassExitGame.MassExitLeaf[] memory la = new MassExitGame.MassExitLeaf[](1);
        (ia[0], la[0]) = _tokenDeposit(address(token), alice, 100, 100);
        MassExitGame.MassExitItem[] memory ib = new MassExitGame.MassExitItem[](1);
        MassExitGame.MassExitLeaf[] memory lb = new MassExitGame.MassExitLeaf[](1);
        (ib[0], lb[0]) = _tokenDeposit(address(token), bob, 200, 200);
        uint256 batchA = _startMass(alice, address(token), ia);
        uint256 batchB = _startMass(bob, address(token), ib);

        token.pause();
        uint256 alice0 = alice.balance;
        vm.expectEmit(true, true, true, true);
        emit MassExitEscrowCredited(batchA, 100);
        vm.expectEmit(true, true, true, true);
        emit MassExitEscrowCredited(batchB, 200);
        _processAll(address(token));
        assertEq(alice.balance, alice0 + MASS_BOND - MASS_BOUNTY, "bond refunds are ETH, paid regardless");
        assertEq(fw.withdrawable(address(massGame), address(token)), 300, "both pushes credited to the game");
        assertTrue(massGame.isEscrowCredited(batchA) && massGame.isEscrowCredited(batchB), "both credited");

        vm.expectRevert(Pausable.EnforcedPause.selector);
        massGame.withdrawMassExit(batchA, la);
        (,,,,,, MassExitGame.State state) = massGame.massExits(batchA);
        assertTrue(state == MassExitGame.State.Finalized, "still to withdraw");

        token.unpause();
        massGame.withdrawMassExit(batchA, la);
        assertEq(token.balanceOf(alice), 100, "alice paid in full");
        assertTrue(!massGame.isEscrowCredited(batchA), "pulled");
        assertEq(fw.withdrawable(address(massGame), address(token)), 200, "bob's credit still his batch's");
        massGame.withdrawMassExit(batchB, lb);
        assertEq(token.balanceOf(bob), 200, "bob paid in full");
        assertEq(fw.withdrawable(address(massGame), address(token)), 0, "every credit pulled");
        assertEq(token.balanceOf(address(massGame)), 0, "the game keeps nothing");
        assertEq(token.balanceOf(address(fw)), 0, "the vault paid exactly the outputs");
    }

    // ------------------------------------- an output spent by an in-flight exit

    /// @dev Starts the in-flight exit of `pay`, which spends alice's deposit `d` alone.
    function _startInFlight(address who, bytes memory pay, uint256 d, bytes memory t, Included memory inc) internal {
        bytes[] memory inputTxs = new bytes[](1);
        inputTxs[0] = t;
        uint256[] memory positions = new uint256[](1);
        positions[0] = d;
        bytes[] memory proofs = new bytes[](1);
        proofs[0] = inc.proof;
        uint256[] memory timestamps = new uint256[](1);
        timestamps[0] = inc.timestamp;
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(aliceKey, pay);
        vm.prank(who);
        ife.startInFlightExit{value: IFE_BOND}(pay, inputTxs, positions, proofs, timestamps, sigs);
    }

    /// @dev Alice signs a payment of her deposit to bob and, unchallenged, also puts the deposit in a batch.
    ///      Bob's in-flight exit is processed first and is canonical: it marks the deposit spent and pays
    ///      bob. The batch then pays alice nothing for the spent deposit and returns its share to the vault.
    function test_leafSpentByCanonicalInFlightTx_isNotPaid_andItsShareReturnsToTheVault() public {
        (uint256 d, bytes memory t, Included memory inc) = _depositEth(alice, 1 ether);
        bytes memory pay = TxEncoder.payment(d, bob, address(0), 1 ether);
        _startInFlight(bob, pay, d, t, inc);
        vm.prank(bob);
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(pay, 0);
        vm.warp(block.timestamp + 1);
        MassExitGame.MassExitItem[] memory items = new MassExitGame.MassExitItem[](1);
        items[0] = _depositItem(d, t, inc);
        uint256 batchId = _startMass(alice, address(0), items);

        uint256 alice0 = alice.balance;
        uint256 bob0 = bob.balance;
        _processAll(address(0));
        assertEq(bob.balance, bob0 + 1 ether + IFE_BOND + PB_BOND - PB_BOUNTY, "bob paid by the in-flight exit");
        assertTrue(fw.isOutputExited(bytes32(d)), "the deposit is spent");
        MassExitGame.MassExitLeaf[] memory leaves = new MassExitGame.MassExitLeaf[](1);
        leaves[0] = _depositLeaf(d, alice, 1 ether);
        massGame.withdrawMassExit(batchId, leaves);
        assertEq(alice.balance, alice0 + MASS_BOND - MASS_BOUNTY, "alice: bond back only");
        assertEq(address(massGame).balance, 0, "the game keeps nothing");
        assertEq(address(fw).balance, 0, "the vault paid the deposit once");
    }
}
