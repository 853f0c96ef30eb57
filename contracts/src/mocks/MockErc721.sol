// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/// @title MockErc721
/// @notice Test and devnet NFT with open minting, for ERC721 coin deposits into the cash game.
contract MockErc721 is ERC721 {
    constructor() ERC721("Plasma4j Test NFT", "P4NFT") {}

    /// @notice Mints `tokenId` to `to`; open to everyone (test only).
    function mint(address to, uint256 tokenId) external {
        _mint(to, tokenId);
    }
}
