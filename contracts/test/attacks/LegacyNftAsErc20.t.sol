// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {CashTestBase} from "../utils/CashTestBase.sol";
import {CashExitGameBase} from "../../src/games/CashExitGameBase.sol";
import {DevToken} from "../../src/DevToken.sol";

/// @notice An NFT of the pre-final ERC-721 drafts (CryptoKitties and its generation): it answers ERC-165 but
///         not for the final ERC-721 interface id 0x80ac58cd (it reports the draft's 0x9a20483d), and it has the
///         draft's `transfer(to, tokenId)`, which returns nothing.
contract LegacyNft is ERC721 {
    constructor() ERC721("Legacy", "OLD") {}

    function mint(address to, uint256 tokenId) external {
        _mint(to, tokenId);
    }

    function transfer(address to, uint256 tokenId) external {
        _transfer(msg.sender, to, tokenId);
    }

    function supportsInterface(bytes4 id) public pure override returns (bool) {
        return id == 0x01ffc9a7 || id == 0x9a20483d;
    }
}

/// @notice Promise: nobody is paid what they are not owed (docs/security.md 1, promise 2). The ERC-165 test in
///         `CashExitGame.depositErc20` is meant to stop an NFT from becoming a fungible coin.
contract LegacyNftAsErc20Test is CashTestBase {
    address internal mallory = address(0xBAD);

    /// @dev Alice deposits NFT #1 properly (`depositErc721`). Mallory offers her NFT #7 of the same
    ///      pre-standard token to `depositErc20(nft, 7)`: it reports no ERC-721 interface id, but #7 answers
    ///      `ownerOf`, so the deposit is refused; had it passed, the game's `balanceOf` would have grown by one
    ///      and the ERC20 coin's withdraw (`transfer(mallory, 1)`) would have handed her alice's NFT #1.
    function test_aPreStandardNftOfferedAsAnErc20IsRefused() public {
        LegacyNft nft = new LegacyNft();
        uint64 aliceSlot = _depositErc721Coin(address(nft), alice, 1);
        nft.mint(mallory, 7);
        vm.startPrank(mallory);
        nft.approve(address(cash), 7);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.TokenIsErc721.selector, address(nft)));
        cash.depositErc20(address(nft), 7);
        vm.stopPrank();
        assertEq(nft.ownerOf(7), mallory, "nothing moved");

        vm.prank(alice);
        cash.startExit{value: COIN_EXIT_BOND}(aliceSlot, _originClaim());
        vm.warp(block.timestamp + MEP);
        cash.finalizeExit(aliceSlot, alice);
        vm.prank(alice);
        cash.withdraw(aliceSlot, alice);
        assertEq(nft.ownerOf(1), alice, "alice gets her NFT back");
    }

    /// @dev A token first deposited as an ERC20 is held as one: offered later as an ERC721 it is refused
    ///      before anything moves.
    function test_aTokenIsHeldAsTheKindItWasFirstDepositedAs() public {
        DevToken token = new DevToken("Dev", "DEV");
        _depositErc20Coin(address(token), alice, 5);
        assertEq(cash.tokenKinds(address(token)), 1, "pinned as ERC20");
        token.mint(mallory, 3);
        vm.startPrank(mallory);
        token.approve(address(cash), 3);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.TokenKindMismatch.selector, address(token), uint8(1)));
        cash.depositErc721(address(token), 3);
        vm.stopPrank();
        assertEq(token.balanceOf(mallory), 3, "nothing moved");
    }
}
