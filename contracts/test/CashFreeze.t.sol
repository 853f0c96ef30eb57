// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CashTestBase} from "./utils/CashTestBase.sol";
import {CoinEncoder} from "./utils/CoinEncoder.sol";
import {CashExitGameBase} from "../src/games/CashExitGameBase.sol";
import {CoinFreezer, IChallengeCommitments} from "../src/mocks/CoinFreezer.sol";
import {MockErc721} from "../src/mocks/MockErc721.sol";
import {RevertingReceiver} from "../src/mocks/RevertingReceiver.sol";

/// @notice The freeze attack: the operator includes a transfer of the owner's coin she never signed; an
///         accomplice's contract takes the coin on from it, starts an exit (or checkpoint) and, in the same
///         transaction, files against it the one challenge-before nobody can answer, so that the owner's
///         identical challenge would be a duplicate and her own exit would find the coin taken. Claims by
///         different owners and filings by different challengers run side by side, and a claim that fails
///         with an open challenge forfeits its bond to the coin, so the owner exits and each round costs the
///         freezer its bond. Also: claims superseded by the winning exit, and where exited coins go.
contract CashFreezeTest is CashTestBase {
    address internal attacker;
    CoinFreezer internal freezer;

    function setUp() public override {
        super.setUp();
        attacker = makeAddr("attacker");
        vm.deal(attacker, 10 ether);
        vm.prank(attacker);
        freezer = new CoinFreezer(cash, IChallengeCommitments(address(fw)));
    }

    function _noEvidence() internal pure returns (CoinFreezer.Evidence memory e) {}

    /// @dev The operator includes "alice -> dave" that alice never signed (dave's signature), then dave's real
    ///      spend of it to the freezer: the freezer's claim of alice's coin.
    function _forgeToFreezer(uint64 slot, uint64 prevBlock) internal returns (CashExitGameBase.CoinClaim memory) {
        bytes memory forged = CoinEncoder.transfer(slot, prevBlock, dave);
        uint64 bf = _submitCoin(forged);
        bytes memory onward = CoinEncoder.transfer(slot, bf, address(freezer));
        uint64 bo = _submitCoin(onward);
        return _claim(forged, bf, onward, _signCoin(daveKey, onward), bo);
    }

    // ---- the exit variant ----

    function test_freezeAttack_ownerExitsBesideTheSelfChallengedExitAndEachRoundCostsTheFreezerItsBond() public {
        uint256 aliceStart = alice.balance;
        uint256 attackerStart = attacker.balance;
        uint64 slot = _depositCoin(alice, 1 ether);
        uint64 origin = uint64(fw.nextChildBlock() - 1);
        CashExitGameBase.CoinClaim memory claim = _forgeToFreezer(slot, origin);

        // the attack, in one transaction: the exit and the only unanswerable challenge of it, by the freezer
        vm.prank(attacker);
        freezer.commit(slot, bytes32(0));
        vm.roll(block.number + 1);
        vm.prank(attacker);
        freezer.claimAndChallenge{value: COIN_EXIT_BOND + COIN_CHALLENGE_BOND}(slot, false, claim, _noEvidence());
        (address claimant, uint64 freezerMatures, uint32 open) = _exitOf(slot, address(freezer));
        assertEq(claimant, address(freezer), "the freezer's exit is pending");
        assertEq(open, 1, "challenged by the freezer itself");

        // alice files the same evidence (no duplicate: every challenger has its own filing) ...
        _challengeFromOrigin(alice, slot, address(freezer), false);
        (, uint64 filings,) = cash.evidenceOf(slot, address(freezer), false, origin);
        assertEq(filings, 2, "the freezer's filing and alice's");
        // ... and exits her coin beside the freezer's exit
        vm.warp(block.timestamp + 100);
        vm.prank(alice);
        cash.startExit{value: COIN_EXIT_BOND}(slot, _originClaim());
        (uint32 exits,) = _pending(slot);
        assertEq(exits, 2, "two exits side by side");

        // the freezer's exit matures first and fails; it starts again and challenges itself again at once
        vm.warp(freezerMatures);
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinExitCancelled(slot, address(freezer), address(0), 3);
        vm.prank(attacker);
        freezer.again{value: COIN_EXIT_BOND + COIN_CHALLENGE_BOND}(slot, false, claim, _noEvidence());
        assertEq(cash.bonds(address(freezer)), COIN_CHALLENGE_BOND, "self-challenging pays nothing: its own bond back");
        assertEq(cash.bonds(alice), COIN_CHALLENGE_BOND, "alice's challenge refunded");
        assertEq(cash.forfeits(slot), COIN_EXIT_BOND, "the failed exit's bond stays with the coin");
        _challengeFromOrigin(alice, slot, address(freezer), false); // her commitment still stands

        // alice's exit matures without a challenge it could not answer: she wins the coin and the forfeit
        (, uint64 aliceMatures,) = _exitOf(slot, alice);
        vm.warp(aliceMatures);
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinExitFinalized(slot, alice, COIN_EXIT_BOND);
        cash.finalizeExit(slot, alice);
        // the freezer's second exit cannot win any more; at its end, with alice's challenge open, its bond is hers
        (, uint64 secondMatures,) = _exitOf(slot, address(freezer));
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.ClaimNotMature.selector, secondMatures));
        cash.finalizeExit(slot, address(freezer));
        vm.warp(secondMatures);
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinExitCancelled(slot, address(freezer), address(0), 3);
        cash.finalizeExit(slot, address(freezer));
        (exits,) = _pending(slot);
        assertEq(exits, 0, "nothing pending");

        vm.startPrank(alice);
        cash.withdraw(slot, alice);
        cash.withdrawBonds();
        vm.stopPrank();
        vm.prank(attacker);
        freezer.cashOut();
        assertEq(alice.balance, aliceStart + 2 * COIN_EXIT_BOND, "alice: her coin, her bonds, the freezer's two bonds");
        assertEq(attacker.balance, attackerStart - 2 * COIN_EXIT_BOND, "the freezer lost one exit bond per round");
        assertEq(address(cash).balance, 0, "nothing left in the game");
    }

    // ---- the checkpoint variant ----

    /// @dev carol holds the coin (alice -> bob -> carol); the operator forges "carol -> dave" and dave moves it
    ///      to the freezer, which checkpoints it and files the one unanswerable evidence (bob -> carol: carol
    ///      never spent it) in the same transaction. carol files the same evidence and checkpoints beside it.
    function test_freezeAttack_checkpointBesideTheSelfChallengedCheckpoint() public {
        History memory h = _history();
        uint256 carolStart = carol.balance;
        uint256 attackerStart = attacker.balance;
        CashExitGameBase.CoinClaim memory claim = _forgeToFreezer(h.slot, h.b2);
        CoinFreezer.Evidence memory evidence = CoinFreezer.Evidence(h.tx2, h.sig2, _coinProof(h.b2, h.slot), h.b2);

        vm.prank(attacker);
        freezer.commit(h.slot, keccak256(h.tx2));
        vm.roll(block.number + 1);
        vm.prank(attacker);
        freezer.claimAndChallenge{value: CHECKPOINT_BOND + COIN_CHALLENGE_BOND}(h.slot, true, claim, evidence);

        _challengeBeforeWith(carol, h.slot, address(freezer), true, h.tx2, h.sig2, h.b2);
        (, uint64 filings, bool open) = cash.evidenceOf(h.slot, address(freezer), true, h.b2);
        assertEq(filings, 2, "both filings recorded");
        assertTrue(open, "nobody can answer it");
        CashExitGameBase.CoinClaim memory mine = _carolClaim(h);
        vm.prank(carol);
        cash.startCheckpoint{value: CHECKPOINT_BOND}(h.slot, mine);
        (, uint32 checkpoints) = _pending(h.slot);
        assertEq(checkpoints, 2, "two checkpoints side by side");

        vm.warp(block.timestamp + MEP);
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CheckpointCancelled(h.slot, address(freezer), address(0), 3);
        cash.finalizeCheckpoint(h.slot, address(freezer));
        cash.finalizeCheckpoint(h.slot, carol);
        (,,,, uint64 originBlock, address originOwner,) = cash.coin(h.slot);
        assertEq(originBlock, h.b2, "carol's checkpoint moved the origin");
        assertEq(originOwner, carol, "to her");
        assertEq(cash.forfeits(h.slot), CHECKPOINT_BOND, "the freezer's checkpoint bond stays with the coin");

        // carol exits from her checkpoint and collects the forfeit with the coin
        vm.prank(carol);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, _originClaim());
        vm.warp(block.timestamp + MEP);
        cash.finalizeExit(h.slot, carol);
        vm.startPrank(carol);
        cash.withdraw(h.slot, carol);
        cash.withdrawBonds();
        vm.stopPrank();
        vm.prank(attacker);
        freezer.cashOut();
        assertEq(carol.balance, carolStart + 1 ether + CHECKPOINT_BOND, "the coin and the freezer's checkpoint bond");
        assertEq(attacker.balance, attackerStart - CHECKPOINT_BOND, "the freezer lost its checkpoint bond");
        assertEq(address(cash).balance, 2 ether, "only dave's coin is left");
    }

    // ---- claims a winning exit supersedes ----

    /// @dev bob (who sold to carol) exits too and nobody challenges him; carol's exit matures first and wins.
    ///      bob's exit and his pending checkpoint close at their own maturity, bonds refunded (reason 4).
    function test_winningExitSupersedesOtherClaims_unchallengedOnesAreRefunded() public {
        History memory h = _history();
        _startCarolExit(h);
        vm.warp(block.timestamp + 10);
        CashExitGameBase.CoinClaim memory stale = _firstSpendClaim(h.tx1, h.sig1, h.b1);
        vm.prank(bob);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, stale);
        vm.prank(bob);
        cash.startCheckpoint{value: CHECKPOINT_BOND}(h.slot, stale);
        vm.warp(block.timestamp + MEP - 10);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.ClaimNotMature.selector, uint64(block.timestamp + 10)));
        cash.finalizeExit(h.slot, bob);
        cash.finalizeExit(h.slot, carol);

        CashExitGameBase.CoinClaim memory late = _doubleSpendToDave(h);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.CoinExited.selector, h.slot));
        vm.prank(dave);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, late);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.ClaimNotMature.selector, uint64(block.timestamp + 10)));
        cash.finalizeCheckpoint(h.slot, bob);
        vm.warp(block.timestamp + 10);
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinExitCancelled(h.slot, bob, address(0), 4);
        cash.finalizeExit(h.slot, bob);
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CheckpointCancelled(h.slot, bob, address(0), 4);
        cash.finalizeCheckpoint(h.slot, bob);
        assertEq(cash.bonds(bob), COIN_EXIT_BOND + CHECKPOINT_BOND, "both of bob's bonds refunded");
        assertEq(cash.bonds(carol), COIN_EXIT_BOND, "carol's exit bond");
        (uint32 exits, uint32 checkpoints) = _pending(h.slot);
        assertEq(exits + checkpoints, 0, "nothing pending");
        assertEq(_state(h.slot), 2, "EXITED to carol");
    }

    /// @dev A superseded claim that still has an open challenge-before forfeits its bond to the exited owner.
    function test_winningExitSupersedesOtherClaims_challengedOnesForfeitToTheExitedOwner() public {
        History memory h = _history();
        CashExitGameBase.CoinClaim memory dbl = _doubleSpendToDave(h);
        vm.prank(dave);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, dbl);
        _challengeFromOrigin(bob, h.slot, dave, false); // answerable, but dave does not bother
        vm.warp(block.timestamp + 10);
        _startCarolExit(h);
        vm.warp(block.timestamp + MEP);
        cash.finalizeExit(h.slot, dave); // fails: the open challenge
        assertEq(cash.forfeits(h.slot), COIN_EXIT_BOND, "forfeited to the coin");
        // dave again, and this time carol's exit wins first; then dave's exit closes with bob's challenge open
        vm.prank(dave);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, dbl);
        _challengeFromOrigin(bob, h.slot, dave, false);
        cash.finalizeExit(h.slot, carol);
        assertEq(cash.bonds(carol), 2 * COIN_EXIT_BOND, "her bond and the first forfeit");
        vm.warp(block.timestamp + MEP);
        cash.finalizeExit(h.slot, dave);
        assertEq(cash.bonds(carol), 3 * COIN_EXIT_BOND, "and the second, straight to the exited owner");
        assertEq(cash.bonds(bob), 2 * COIN_CHALLENGE_BOND, "bob's challenges refunded");
        assertEq(cash.bonds(dave), 0, "dave lost both bonds");
    }

    // ---- deposits: an ERC721 is not an ERC20 ----

    function test_depositErc20_refusesAnErc721() public {
        MockErc721 nft = new MockErc721();
        nft.mint(alice, 5);
        vm.startPrank(alice);
        nft.approve(address(cash), 5);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.TokenIsErc721.selector, address(nft)));
        cash.depositErc20(address(nft), 5);
        vm.stopPrank();
        assertEq(cash.nextSlot(), 0, "no coin minted");
        assertEq(nft.ownerOf(5), alice, "the token never moved");
        // deposited as what it is, it is an ERC721 coin
        vm.prank(alice);
        uint64 slot = cash.depositErc721(address(nft), 5);
        _assertCoin(slot, address(nft), 2, 5);
    }

    // ---- withdrawals to a recipient the exited owner names ----

    /// @dev An exit owned by a contract that rejects ETH: it names another recipient; a zero one is refused.
    function test_withdraw_toARecipientTheExitedContractNames() public {
        RevertingReceiver r = new RevertingReceiver();
        vm.deal(address(r), 1 ether);
        r.setRejecting(false);
        uint64 slot = abi.decode(r.execute(address(cash), abi.encodeCall(cash.depositEth, ()), 0.5 ether), (uint64));
        r.execute(address(cash), abi.encodeCall(cash.startExit, (slot, _originClaim())), COIN_EXIT_BOND);
        vm.warp(block.timestamp + MEP);
        cash.finalizeExit(slot, address(r));
        r.setRejecting(true);

        bytes memory failed = abi.encodeWithSelector(CashExitGameBase.EthTransferFailed.selector, address(r));
        vm.expectRevert(abi.encodeWithSelector(RevertingReceiver.CallFailed.selector, failed));
        r.execute(address(cash), abi.encodeCall(cash.withdraw, (slot, address(r))), 0);
        bytes memory zero = abi.encodeWithSelector(CashExitGameBase.ZeroRecipient.selector);
        vm.expectRevert(abi.encodeWithSelector(RevertingReceiver.CallFailed.selector, zero));
        r.execute(address(cash), abi.encodeCall(cash.withdraw, (slot, address(0))), 0);
        assertEq(_state(slot), 2, "still EXITED after the failed attempts");

        uint256 before = alice.balance;
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinWithdrawn(slot, address(r), alice);
        r.execute(address(cash), abi.encodeCall(cash.withdraw, (slot, alice)), 0);
        assertEq(alice.balance, before + 0.5 ether, "paid to the named recipient");
        assertEq(_state(slot), 3, "WITHDRAWN");
        vm.expectRevert(); // another key cannot take the exited owner's place
        vm.prank(alice);
        cash.withdraw(slot, alice);

        r.execute(address(cash), abi.encodeCall(cash.withdrawBondsTo, (alice)), 0);
        assertEq(alice.balance, before + 0.5 ether + COIN_EXIT_BOND, "the bond too");
        assertEq(cash.bonds(address(r)), 0, "cleared");
    }

    /// @dev An NFT coin exited to a contract without onERC721Received: safeTransferFrom to itself fails, to a
    ///      named recipient it works.
    function test_withdraw_erc721ToARecipientWhenTheExitedContractCannotHoldIt() public {
        MockErc721 nft = new MockErc721();
        RevertingReceiver r = new RevertingReceiver();
        vm.deal(address(r), 1 ether);
        nft.mint(address(r), 9);
        r.execute(address(nft), abi.encodeCall(nft.approve, (address(cash), 9)), 0);
        uint64 slot =
            abi.decode(r.execute(address(cash), abi.encodeCall(cash.depositErc721, (address(nft), 9)), 0), (uint64));
        r.execute(address(cash), abi.encodeCall(cash.startExit, (slot, _originClaim())), COIN_EXIT_BOND);
        vm.warp(block.timestamp + MEP);
        cash.finalizeExit(slot, address(r));

        vm.expectRevert(); // ERC721InvalidReceiver, wrapped
        r.execute(address(cash), abi.encodeCall(cash.withdraw, (slot, address(r))), 0);
        r.execute(address(cash), abi.encodeCall(cash.withdraw, (slot, alice)), 0);
        assertEq(nft.ownerOf(9), alice, "the NFT went to the named recipient");
    }
}
